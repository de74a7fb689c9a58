using System.Globalization;
using System.Text.RegularExpressions;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// Maps types between Iceberg and DuckDB: Iceberg → DuckDB to type the view of an input with no files, DuckDB →
/// Iceberg for the columns of a query result. Result types without a faithful Iceberg type (INTERVAL, nested types,
/// ENUM, ...) are refused rather than guessed: the message asks for a cast in the query.
/// </summary>
internal static partial class DuckDbTypes
{
    public static string ToDuckDb(IcebergType type) => type switch
    {
        DecimalType d => $"DECIMAL({d.Precision.ToString(CultureInfo.InvariantCulture)},{d.Scale.ToString(CultureInfo.InvariantCulture)})",
        FixedType => "BLOB",
        StructType s => "STRUCT(" + string.Join(", ", s.Fields.Select(f => $"{SqlText.Identifier(f.Name)} {ToDuckDb(f.Type)}")) + ")",
        ListType l => ToDuckDb(l.ElementField.Type) + "[]",
        MapType m => $"MAP({ToDuckDb(m.KeyField.Type)}, {ToDuckDb(m.ValueField.Type)})",
        PrimitiveType p => p.TypeId switch
        {
            TypeId.Boolean => "BOOLEAN",
            TypeId.Int => "INTEGER",
            TypeId.Long => "BIGINT",
            TypeId.Float => "FLOAT",
            TypeId.Double => "DOUBLE",
            TypeId.Date => "DATE",
            TypeId.Time => "TIME",
            TypeId.Timestamp => "TIMESTAMP",
            TypeId.TimestampTz => "TIMESTAMP WITH TIME ZONE",
            TypeId.String => "VARCHAR",
            TypeId.Uuid => "UUID",
            TypeId.Binary => "BLOB",
            _ => throw new NotSupportedException($"No DuckDB type for Iceberg type {type}."),
        },
        _ => throw new NotSupportedException($"No DuckDB type for Iceberg type {type}."),
    };

    /// <summary>
    /// The Iceberg type a result column of this DuckDB type is written as, or null when there is none. HUGEINT (what
    /// DuckDB's <c>sum</c> of integers returns) and the unsigned 64-bit types become <c>long</c>: values outside its
    /// range fail the write with a clear message rather than silently losing digits.
    /// </summary>
    public static PrimitiveType? ToIceberg(string duckDbType)
    {
        var t = duckDbType.Trim().ToUpperInvariant();
        switch (t)
        {
            case "BOOLEAN":
                return PrimitiveType.Boolean;
            case "TINYINT" or "SMALLINT" or "INTEGER" or "UTINYINT" or "USMALLINT":
                return PrimitiveType.Int;
            case "BIGINT" or "UINTEGER" or "UBIGINT" or "HUGEINT" or "UHUGEINT":
                return PrimitiveType.Long;
            case "FLOAT" or "REAL":
                return PrimitiveType.Float;
            case "DOUBLE":
                return PrimitiveType.Double;
            case "DATE":
                return PrimitiveType.Date;
            case "TIME":
                return PrimitiveType.Time;
            case "TIMESTAMP" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS":
                return PrimitiveType.Timestamp;
            case "TIMESTAMP WITH TIME ZONE" or "TIMESTAMPTZ":
                return PrimitiveType.TimestampTz;
            case "VARCHAR":
                return PrimitiveType.String;
            case "UUID":
                return PrimitiveType.Uuid;
            case "BLOB":
                return PrimitiveType.Binary;
        }

        var dec = DecimalPattern().Match(t);
        if (dec.Success)
        {
            return PrimitiveType.Decimal(
                int.Parse(dec.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(dec.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        return null;
    }

    [GeneratedRegex(@"^DECIMAL\(\s*(\d+)\s*,\s*(\d+)\s*\)$")]
    private static partial Regex DecimalPattern();
}
