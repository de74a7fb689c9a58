using Parquet;
using Parquet.Serialization;
using OrleansMaestro.Cli.Values;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Input;

/// <summary>
/// Reads a Parquet file's columns by name into rows aligned with the schema (field ids in the file are ignored:
/// files to load usually come from tools that do not write Iceberg ids). Errors give the 1-based row as the line.
/// </summary>
internal static class ParquetRowReader
{
    public static async Task<IReadOnlyList<object?[]>> ReadAsync(Stream input, string fileName, Schema schema, CancellationToken cancellationToken)
    {
        var map = new ColumnMap(schema, fileName);
        var options = new ParquetOptions { UseDateOnlyTypeForDates = true };
        var result = await ParquetSerializer.DeserializeUntypedAsync(input, options, null, cancellationToken);
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in result.Schema.Fields)
        {
            indexes[field.Name] = map.IndexOf(field.Name, 0);
        }

        map.RequireColumns(indexes.Values, 0);
        var rows = new List<object?[]>(result.Data.Count);
        long line = 0;
        foreach (var record in result.Data)
        {
            line++;
            var row = new object?[schema.Fields.Count];
            foreach (var (name, value) in record)
            {
                if (value is null || !indexes.TryGetValue(name, out var index))
                {
                    continue;
                }

                row[index] = map.Convert(index, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), line, type => Coerce(value, type));
            }

            map.CheckRequired(row, line);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Converts a value as Parquet.Net returns it to the .NET representation of the Iceberg type.</summary>
    internal static object Coerce(object value, IcebergType type)
    {
        if (value is string s && type.TypeId != TypeId.String)
        {
            return ValueText.Parse(s, type);
        }

        return (type.TypeId, value) switch
        {
            (TypeId.Boolean, bool b) => b,
            (TypeId.Int, sbyte or byte or short or ushort or int) => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
            (TypeId.Int, long l) => checked((int)l),
            (TypeId.Long, sbyte or byte or short or ushort or int or uint or long) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
            (TypeId.Float, float f) => f,
            (TypeId.Double, float f) => (double)f,
            (TypeId.Double, double d) => d,
            (TypeId.Decimal, decimal m) => ValueText.Parse(m.ToString(System.Globalization.CultureInfo.InvariantCulture), type),
            (TypeId.Date, DateOnly d) => d,
            (TypeId.Date, DateTime dt) => DateOnly.FromDateTime(dt),
            (TypeId.Time, TimeOnly t) => t,
            (TypeId.Time, TimeSpan ts) => TimeOnly.FromTimeSpan(ts),
            (TypeId.Timestamp, DateTime dt) => DateTime.SpecifyKind(dt, DateTimeKind.Unspecified),
            (TypeId.TimestampTz, DateTime dt) => new DateTimeOffset(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            (TypeId.TimestampTz, DateTimeOffset dto) => dto.ToUniversalTime(),
            (TypeId.String, string str) => str,
            (TypeId.Uuid, Guid g) => g,
            (TypeId.Uuid, byte[] { Length: 16 } bytes) => new Guid(bytes, bigEndian: true),
            (TypeId.Binary, byte[] bytes) => bytes,
            (TypeId.Fixed, byte[] bytes) when bytes.Length == ((FixedType)type).Length => bytes,
            _ => throw new FormatException($"a Parquet {value.GetType().Name} value cannot be stored in a {type} column"),
        };
    }
}
