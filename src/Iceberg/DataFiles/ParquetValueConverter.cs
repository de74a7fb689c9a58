using System.Globalization;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>Turns a value as Parquet.Net reads it into the Iceberg .NET representation of the requested type.</summary>
internal static class ParquetValueConverter
{
    // A value that already has the Iceberg type is returned as the same box: unboxing and boxing it again would
    // allocate once more per value read, which is most of the cost of reading numeric columns.
    public static object ToIceberg(object value, PrimitiveType type, string column) => type.TypeId switch
    {
        TypeId.Boolean => value is bool ? value : (bool)value,
        TypeId.Int => value is int ? value : Convert.ToInt32(value, CultureInfo.InvariantCulture),
        TypeId.Long => value is long ? value : Convert.ToInt64(value, CultureInfo.InvariantCulture),
        TypeId.Float => value is float ? value : (float)value,
        TypeId.Double => value switch
        {
            double => value,
            float f => (double)f,
            _ => (double)value,
        },
        TypeId.Decimal => value is decimal ? value : (decimal)value,
        TypeId.Date => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => Fail(value, type, column),
        },
        TypeId.Time => value switch
        {
            long micros => Conversions.FromMicrosOfDay(micros),
            TimeSpan ts => new TimeOnly(ts.Ticks),
            TimeOnly t => t,
            _ => Fail(value, type, column),
        },
        // Parquet.Net keeps the stored wall-clock ticks but labels them Local/Utc; Iceberg wants Unspecified.
        TypeId.Timestamp => value is DateTime dt ? DateTime.SpecifyKind(dt, DateTimeKind.Unspecified) : Fail(value, type, column),
        TypeId.TimestampTz => value is DateTime utc ? new DateTimeOffset(utc.Ticks, TimeSpan.Zero) : Fail(value, type, column),
        TypeId.String => value as string ?? Fail(value, type, column),
        TypeId.Uuid => value switch
        {
            Guid g => g,
            byte[] { Length: 16 } b => new Guid(b, bigEndian: true),
            _ => Fail(value, type, column),
        },
        TypeId.Fixed or TypeId.Binary => value as byte[] ?? Fail(value, type, column),
        _ => Fail(value, type, column),
    };

    private static object Fail(object value, PrimitiveType type, string column) =>
        throw new InvalidDataException($"Parquet column '{column}' holds {value.GetType().Name} values that cannot be read as Iceberg {type}.");
}
