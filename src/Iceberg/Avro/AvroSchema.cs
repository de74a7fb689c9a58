using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansMaestro.Iceberg.Avro;

/// <summary>
/// A parsed Avro schema, just enough to decode any writer schema found in a manifest or manifest list.
/// We parse the JSON ourselves rather than with Apache.Avro because Apache.Avro rejects <c>uuid</c> on
/// <c>fixed[16]</c> (which Java Iceberg writes) and drops unknown logical types such as Iceberg's <c>map</c>.
/// </summary>
internal sealed class AvroSchema
{
    private AvroSchema(AvroKind kind)
    {
        Kind = kind;
    }

    public AvroKind Kind { get; }

    public string? Name { get; private set; }

    public string? LogicalType { get; private set; }

    /// <summary>The JSON object of a complex schema (logical type attributes, <c>element-id</c>, ...); null for a bare name.</summary>
    public JsonObject? Properties { get; private set; }

    public IReadOnlyList<AvroField> Fields { get; private set; } = [];

    public AvroSchema? Items { get; private set; }

    public AvroSchema? Values { get; private set; }

    public IReadOnlyList<AvroSchema> Branches { get; private set; } = [];

    public IReadOnlyList<string> Symbols { get; private set; } = [];

    public int Size { get; private set; }

    /// <summary>For a nullable union <c>["null", T]</c> (either order) the non-null branch; otherwise this schema.</summary>
    public AvroSchema NonNull => Kind == AvroKind.Union && Branches.Count == 2
        ? Branches[0].Kind == AvroKind.Null ? Branches[1] : Branches[1].Kind == AvroKind.Null ? Branches[0] : this
        : this;

    public AvroField? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public int? IntProperty(string name) =>
        Properties?[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i
        : Properties?[name] is JsonValue s && s.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p
        : null;

    public bool? BoolProperty(string name) => Properties?[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static AvroSchema Parse(string json)
    {
        var node = JsonNode.Parse(json) ?? throw new FormatException("Avro schema JSON is null.");
        return Parse(node, new Dictionary<string, AvroSchema>(StringComparer.Ordinal), null);
    }

    private static AvroSchema Parse(JsonNode node, Dictionary<string, AvroSchema> named, string? ns)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var name):
                return Primitive(name) ?? named.GetValueOrDefault(name) ?? named.GetValueOrDefault(Qualify(name, ns))
                    ?? throw new FormatException($"Avro schema refers to unknown type '{name}'.");
            case JsonArray arr:
                var union = new AvroSchema(AvroKind.Union) { Branches = arr.Select(b => Parse(b!, named, ns)).ToArray() };
                return union;
            case JsonObject obj:
                return ParseObject(obj, named, ns);
            default:
                throw new FormatException($"Invalid Avro schema JSON: {node.ToJsonString()}");
        }
    }

    private static AvroSchema ParseObject(JsonObject obj, Dictionary<string, AvroSchema> named, string? ns)
    {
        var typeNode = obj["type"] ?? throw new FormatException($"Avro schema object without a type: {obj.ToJsonString()}");
        if (typeNode is not JsonValue tv || !tv.TryGetValue<string>(out var type))
        {
            // {"type": {...}} nests a full schema; logical type attributes on the outer object are ignored.
            return Parse(typeNode, named, ns);
        }

        var logical = obj["logicalType"]?.GetValue<string>();
        var primitive = Primitive(type);
        if (primitive is not null)
        {
            return new AvroSchema(primitive.Kind) { LogicalType = logical, Properties = obj };
        }

        var name = obj["name"]?.GetValue<string>();
        var space = obj["namespace"]?.GetValue<string>() ?? ns;
        switch (type)
        {
            case "record":
            case "error":
                {
                    var rec = new AvroSchema(AvroKind.Record) { Name = name, LogicalType = logical, Properties = obj };
                    Register(named, name, space, rec);
                    var fields = new List<AvroField>();
                    foreach (var f in obj["fields"]?.AsArray() ?? [])
                    {
                        var fo = f!.AsObject();
                        var fieldSchema = Parse(fo["type"]!, named, space);
                        int? id = fo["field-id"] is JsonValue idv && idv.TryGetValue<int>(out var i) ? i : null;
                        fields.Add(new AvroField(fo["name"]!.GetValue<string>(), fieldSchema, id, fo["default"]));
                    }

                    rec.Fields = fields;
                    return rec;
                }

            case "enum":
                {
                    var en = new AvroSchema(AvroKind.Enum) { Name = name, Properties = obj, Symbols = obj["symbols"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray() };
                    Register(named, name, space, en);
                    return en;
                }

            case "fixed":
                {
                    var fx = new AvroSchema(AvroKind.Fixed) { Name = name, LogicalType = logical, Properties = obj, Size = obj["size"]!.GetValue<int>() };
                    Register(named, name, space, fx);
                    return fx;
                }

            case "array":
                return new AvroSchema(AvroKind.Array) { LogicalType = logical, Properties = obj, Items = Parse(obj["items"]!, named, space) };
            case "map":
                return new AvroSchema(AvroKind.Map) { LogicalType = logical, Properties = obj, Values = Parse(obj["values"]!, named, space) };
            default:
                // A named type referenced with {"type": "name"}.
                return named.GetValueOrDefault(type) ?? named.GetValueOrDefault(Qualify(type, ns))
                    ?? throw new FormatException($"Avro schema refers to unknown type '{type}'.");
        }
    }

    private static void Register(Dictionary<string, AvroSchema> named, string? name, string? ns, AvroSchema schema)
    {
        if (name is null)
        {
            throw new FormatException("Avro named type without a name.");
        }

        named[name] = schema;
        named[Qualify(name, ns)] = schema;
    }

    private static string Qualify(string name, string? ns) => name.Contains('.', StringComparison.Ordinal) || string.IsNullOrEmpty(ns) ? name : $"{ns}.{name}";

    private static AvroSchema? Primitive(string name) => name switch
    {
        "null" => new AvroSchema(AvroKind.Null),
        "boolean" => new AvroSchema(AvroKind.Boolean),
        "int" => new AvroSchema(AvroKind.Int),
        "long" => new AvroSchema(AvroKind.Long),
        "float" => new AvroSchema(AvroKind.Float),
        "double" => new AvroSchema(AvroKind.Double),
        "bytes" => new AvroSchema(AvroKind.Bytes),
        "string" => new AvroSchema(AvroKind.String),
        _ => null,
    };
}
