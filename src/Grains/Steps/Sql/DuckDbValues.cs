using System.Numerics;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>Turns a value as DuckDB.NET returns it into the .NET form our Parquet writer expects for an Iceberg type.</summary>
internal static class DuckDbValues
{
    public static object ToIceberg(object value, PrimitiveType type, string column)
    {
        try
        {
            return type.TypeId switch
            {
                TypeId.Boolean => (bool)value,
                TypeId.Int => value switch
                {
                    int i => i,
                    sbyte or byte or short or ushort => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
                    _ => Fail(value, type, column),
                },
                TypeId.Long => value switch
                {
                    long l => l,
                    BigInteger big => checked((long)big),
                    ulong u => checked((long)u),
                    sbyte or byte or short or ushort or int or uint => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
                    _ => Fail(value, type, column),
                },
                TypeId.Float => value is float f ? f : Fail(value, type, column),
                TypeId.Double => value switch
                {
                    double d => d,
                    float f => (double)f,
                    _ => Fail(value, type, column),
                },
                TypeId.Decimal => value is decimal m ? m : Fail(value, type, column),
                TypeId.Date => value switch
                {
                    DateOnly d => d,
                    DateTime dt => DateOnly.FromDateTime(dt),
                    _ => Fail(value, type, column),
                },
                TypeId.Time => value switch
                {
                    TimeOnly t => t,
                    TimeSpan ts => TimeOnly.FromTimeSpan(ts),
                    _ => Fail(value, type, column),
                },
                TypeId.Timestamp => value is DateTime ts ? DateTime.SpecifyKind(ts, DateTimeKind.Unspecified) : Fail(value, type, column),
                // DuckDB holds TIMESTAMPTZ as a UTC instant; DuckDB.NET hands it over as a DateTime of that instant.
                TypeId.TimestampTz => value switch
                {
                    DateTimeOffset o => o.ToUniversalTime(),
                    DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
                    _ => Fail(value, type, column),
                },
                TypeId.String => value as string ?? Fail(value, type, column),
                TypeId.Uuid => value is Guid g ? g : Fail(value, type, column),
                TypeId.Binary or TypeId.Fixed => value switch
                {
                    byte[] b => b,
                    Stream s => ReadAll(s),
                    _ => Fail(value, type, column),
                },
                _ => Fail(value, type, column),
            };
        }
        catch (OverflowException e)
        {
            throw new StepFailedException($"Result column '{column}' has the value {value}, which does not fit Iceberg type {type}; cast it in the query.", e);
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    private static object Fail(object value, PrimitiveType type, string column) =>
        throw new StepFailedException($"Result column '{column}' returned a {value.GetType().Name} value, which cannot be written as Iceberg {type}.");
}
