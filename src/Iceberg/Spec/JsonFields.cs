using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>Typed access to JSON object fields with errors that name the missing or malformed field.</summary>
internal static class JsonFields
{
    public static JsonObject AsObject(JsonNode? node, string what) =>
        node as JsonObject ?? throw new InvalidDataException($"{what} must be a JSON object.");

    public static JsonArray AsArray(JsonNode? node, string what) =>
        node as JsonArray ?? throw new InvalidDataException($"{what} must be a JSON array.");

    public static bool Has(JsonObject obj, string name) => obj.TryGetPropertyValue(name, out var v) && v is not null;

    public static JsonNode Required(JsonObject obj, string name, string owner) =>
        obj.TryGetPropertyValue(name, out var v) && v is not null ? v : throw new InvalidDataException($"{owner} is missing required field '{name}'.");

    public static string String(JsonObject obj, string name, string owner) => Get(obj, name, owner, n => n.GetValue<string>());

    public static string? OptionalString(JsonObject obj, string name, string owner) =>
        Has(obj, name) ? String(obj, name, owner) : null;

    public static int Int(JsonObject obj, string name, string owner) => Get(obj, name, owner, n => n.GetValue<int>());

    public static int? OptionalInt(JsonObject obj, string name, string owner) => Has(obj, name) ? Int(obj, name, owner) : null;

    public static long Long(JsonObject obj, string name, string owner) => Get(obj, name, owner, n => n.GetValue<long>());

    public static long? OptionalLong(JsonObject obj, string name, string owner) => Has(obj, name) ? Long(obj, name, owner) : null;

    public static bool Bool(JsonObject obj, string name, string owner) => Get(obj, name, owner, n => n.GetValue<bool>());

    public static Dictionary<string, string> StringMap(JsonObject obj, string name, string owner)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Has(obj, name))
        {
            return result;
        }

        foreach (var (key, value) in AsObject(obj[name], $"{owner}.{name}"))
        {
            result[key] = value switch
            {
                null => throw new InvalidDataException($"{owner}.{name}.{key} must be a string, not null."),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                // Some writers store numbers/booleans in properties; keep their JSON text rather than fail.
                _ => value.ToJsonString(),
            };
        }

        return result;
    }

    private static T Get<T>(JsonObject obj, string name, string owner, Func<JsonNode, T> read)
    {
        var node = Required(obj, name, owner);
        try
        {
            return read(node);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{owner} field '{name}' has the wrong type: {node.ToJsonString()}.", e);
        }
    }
}
