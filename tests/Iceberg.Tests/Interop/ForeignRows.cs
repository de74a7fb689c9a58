using System.Globalization;
using System.Text.Json.Nodes;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Interop;

/// <summary>
/// Renders rows read here and the rows write-iceberg.mjs expects as the same text when every value is equal, at full
/// precision (microseconds, every decimal digit, the exact double). A value of the wrong .NET type for its column fails.
/// </summary>
internal static class ForeignRows
{
    /// <summary>Rows as read by our scans, aligned with <paramref name="schema"/>, sorted by their first column.</summary>
    public static string[] Read(Schema schema, IEnumerable<object?[]> rows) =>
        rows.Select(r => Line(schema, i => Text(schema.Fields[i].Type, r[i]))).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The script's expected rows, keyed by column name.</summary>
    public static string[] Expected(Schema schema, IEnumerable<JsonObject> rows) =>
        rows.Select(r => Line(schema, i => Text(schema.Fields[i].Type, r[schema.Fields[i].Name]))).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The first column (id) of the script's expected rows.</summary>
    public static long[] Ids(IEnumerable<JsonObject> rows) => rows.Select(r => r["id"]!.GetValue<long>()).Order().ToArray();

    private static string Line(Schema schema, Func<int, string> value) =>
        string.Join(" | ", schema.Fields.Select((f, i) => $"{f.Name}={value(i)}"));

    // Structs as {name=value, ...}, lists as [v, ...], maps as {key=value, ...} in file order.
    private static string Text(IcebergType type, object? value) => value is null ? "null" : type switch
    {
        StructType st => "{" + string.Join(", ", st.Fields.Select((f, i) => $"{f.Name}={Text(f.Type, ((StructValue)value)[i])}")) + "}",
        ListType lt => "[" + string.Join(", ", ((IEnumerable<object?>)value).Select(v => Text(lt.ElementType, v))) + "]",
        MapType mt => "{" + string.Join(", ", ((IEnumerable<KeyValuePair<object, object?>>)value).Select(kv => $"{Text(mt.KeyType, kv.Key)}={Text(mt.ValueType, kv.Value)}")) + "}",
        PrimitiveType p => Text(p, value),
        _ => throw new NotSupportedException($"write-iceberg.mjs writes no {type} column."),
    };

    private static string Text(IcebergType type, JsonNode? node) => node is null ? "null" : type switch
    {
        StructType st => "{" + string.Join(", ", st.Fields.Select(f => $"{f.Name}={Text(f.Type, node[f.Name])}")) + "}",
        ListType lt => "[" + string.Join(", ", node.AsArray().Select(v => Text(lt.ElementType, v))) + "]",
        MapType mt => "{" + string.Join(", ", node.AsObject().Select(kv => $"{Text(mt.KeyType, JsonValue.Create(kv.Key))}={Text(mt.ValueType, kv.Value)}")) + "}",
        PrimitiveType p => Text(p, node),
        _ => throw new NotSupportedException($"write-iceberg.mjs writes no {type} column."),
    };

    private static string Text(PrimitiveType type, object value) => type.TypeId switch
    {
        // Ids first, zero-padded, so rows sort by id.
        TypeId.Long => ((long)value).ToString("D10", CultureInfo.InvariantCulture),
        TypeId.Int => ((int)value).ToString(CultureInfo.InvariantCulture),
        TypeId.Double => ((double)value).ToString("R", CultureInfo.InvariantCulture),
        TypeId.Decimal => Normalized((decimal)value),
        TypeId.Date => ((DateOnly)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TypeId.TimestampTz => ((DateTimeOffset)value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        TypeId.Boolean => (bool)value ? "true" : "false",
        TypeId.String => (string)value,
        _ => throw new NotSupportedException($"write-iceberg.mjs writes no {type} column."),
    };

    private static string Text(PrimitiveType type, JsonNode node) => type.TypeId switch
    {
        TypeId.Long => node.GetValue<long>().ToString("D10", CultureInfo.InvariantCulture),
        TypeId.Int => node.GetValue<int>().ToString(CultureInfo.InvariantCulture),
        TypeId.Double => node is JsonObject tagged
            ? double.Parse(tagged["$number"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)
            : node.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        TypeId.Decimal => Normalized(decimal.Parse(node.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture)),
        TypeId.Date or TypeId.TimestampTz or TypeId.String => node.GetValue<string>(),
        TypeId.Boolean => node.GetValue<bool>() ? "true" : "false",
        _ => throw new NotSupportedException($"write-iceberg.mjs writes no {type} column."),
    };

    // 1.50 and 1.5 are the same decimal value; "G29" drops the trailing zeros the scale adds.
    private static string Normalized(decimal value) => value.ToString("G29", CultureInfo.InvariantCulture);
}
