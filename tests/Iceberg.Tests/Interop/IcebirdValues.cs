using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Interop;

/// <summary>
/// Renders a value written here and the value icebird read back as the same text when they are equal, within what
/// icebird's JavaScript values can hold: timestamps become Date (millisecond precision), decimals become numbers,
/// time comes back as microseconds, and unannotated byte arrays (binary, and fixed, which is stored as BYTE_ARRAY)
/// are decoded as UTF-8 text by hyparquet. NaN and the infinities come tagged (<c>{"$number": "NaN"}</c>).
/// </summary>
internal static class IcebirdValues
{
    /// <summary>Any value, nested ones included: structs as {name=value, ...}, lists as [...], maps as {key=value, ...}.</summary>
    public static string Expected(IcebergType type, object? value) => value is null ? "null" : type switch
    {
        StructType st => "{" + string.Join(", ", st.Fields.Select((f, i) => $"{f.Name}={Expected(f.Type, ((StructValue)value)[i])}")) + "}",
        ListType lt => "[" + string.Join(", ", ((IEnumerable<object?>)value).Select(v => Expected(lt.ElementType, v))) + "]",
        MapType mt => "{" + string.Join(", ", ((IEnumerable<KeyValuePair<object, object?>>)value).Select(kv => $"{Expected(mt.KeyType, kv.Key)}={Expected(mt.ValueType, kv.Value)}")) + "}",
        _ => Expected(type.AsPrimitive(), value),
    };

    /// <summary>icebird's value of any type: structs and maps come as objects (map keys as property names), lists as arrays.</summary>
    public static string Actual(IcebergType type, JsonNode? node) => node is null ? "null" : type switch
    {
        StructType st => "{" + string.Join(", ", st.Fields.Select(f => $"{f.Name}={Actual(f.Type, node[f.Name])}")) + "}",
        ListType lt => "[" + string.Join(", ", node.AsArray().Select(v => Actual(lt.ElementType, v))) + "]",
        MapType mt => "{" + string.Join(", ", node.AsObject().Select(kv => $"{Actual(mt.KeyType, JsonValue.Create(kv.Key))}={Actual(mt.ValueType, kv.Value)}")) + "}",
        _ => Actual(type.AsPrimitive(), node),
    };

    public static string Expected(PrimitiveType type, object? value) => value is null ? "null" : type.TypeId switch
    {
        TypeId.Boolean => (bool)value ? "true" : "false",
        TypeId.Int or TypeId.Long => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        TypeId.Float => ((float)value).ToString("R", CultureInfo.InvariantCulture),
        TypeId.Double => ((double)value).ToString("R", CultureInfo.InvariantCulture),
        TypeId.Decimal => ((decimal)value).ToString("F" + ((DecimalType)type).Scale, CultureInfo.InvariantCulture),
        TypeId.Date => ((DateOnly)value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TypeId.Time => (((TimeOnly)value).Ticks / 10).ToString(CultureInfo.InvariantCulture),
        TypeId.Timestamp => Millis((DateTime)value),
        TypeId.TimestampTz => Millis(((DateTimeOffset)value).UtcDateTime),
        TypeId.String => (string)value,
        TypeId.Uuid => Convert.ToHexStringLower(((Guid)value).ToByteArray(bigEndian: true)),
        TypeId.Fixed or TypeId.Binary => Encoding.UTF8.GetString((byte[])value),
        _ => throw new NotSupportedException(type.ToString()),
    };

    public static string Actual(PrimitiveType type, JsonNode? node) => node is null ? "null" : type.TypeId switch
    {
        TypeId.Boolean => node.GetValue<bool>() ? "true" : "false",
        TypeId.Int => node.GetValue<long>().ToString(CultureInfo.InvariantCulture),
        TypeId.Long or TypeId.Time => Tagged(node, "$bigint"),
        TypeId.Float => ((float)Number(node)).ToString("R", CultureInfo.InvariantCulture),
        TypeId.Double => Number(node).ToString("R", CultureInfo.InvariantCulture),
        TypeId.Decimal => decimal.Round((decimal)node.GetValue<double>(), ((DecimalType)type).Scale)
            .ToString("F" + ((DecimalType)type).Scale, CultureInfo.InvariantCulture),
        TypeId.Date => Date(node).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TypeId.Timestamp or TypeId.TimestampTz => Millis(Date(node)),
        TypeId.String or TypeId.Fixed or TypeId.Binary => node.GetValue<string>(),
        TypeId.Uuid => Tagged(node, "$bytes"),
        _ => throw new NotSupportedException(type.ToString()),
    };

    private static string Tagged(JsonNode node, string tag) =>
        node[tag]?.GetValue<string>() ?? throw new InvalidDataException($"expected a {tag} value from icebird, got {node.ToJsonString()}");

    // read-iceberg.mjs tags NaN and the infinities ({"$number": "NaN"}): JSON has no literal for them.
    private static double Number(JsonNode node) =>
        node is JsonObject ? double.Parse(Tagged(node, "$number"), CultureInfo.InvariantCulture) : node.GetValue<double>();

    private static DateTime Date(JsonNode node) =>
        DateTime.Parse(Tagged(node, "$date"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static string Millis(DateTime value) =>
        new DateTime(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond)).ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture);
}
