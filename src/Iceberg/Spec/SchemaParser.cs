using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>Schema and type JSON (spec appendix C: "JSON serialization", Schemas).</summary>
public static class SchemaParser
{
    public static Schema FromJson(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The schema is not valid JSON: {e.Message}", e);
        }

        return FromJson(node);
    }

    public static Schema FromJson(JsonNode? node)
    {
        var obj = JsonFields.AsObject(node, "A schema");
        var type = JsonFields.OptionalString(obj, "type", "schema");
        if (type is not null and not "struct")
        {
            throw new InvalidDataException($"A schema must have \"type\": \"struct\", got \"{type}\".");
        }

        var fields = ParseStruct(obj, "schema").Fields;
        var schemaId = JsonFields.OptionalInt(obj, "schema-id", "schema") ?? 0;
        var identifiers = JsonFields.Has(obj, "identifier-field-ids")
            ? JsonFields.AsArray(obj["identifier-field-ids"], "schema.identifier-field-ids").Select(n => n!.GetValue<int>()).ToArray()
            : null;
        try
        {
            return new Schema(schemaId, fields, identifiers);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    public static IcebergType ParseType(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                try
                {
                    return PrimitiveType.Parse(v.GetValue<string>());
                }
                catch (FormatException e)
                {
                    throw new InvalidDataException($"{path}: {e.Message}", e);
                }

            case JsonObject o:
                var kind = JsonFields.String(o, "type", path);
                return kind switch
                {
                    "struct" => ParseStruct(o, path),
                    "list" => new ListType(
                        JsonFields.Int(o, "element-id", path),
                        ParseType(JsonFields.Required(o, "element", path), $"{path}.element"),
                        JsonFields.Bool(o, "element-required", path)),
                    "map" => new MapType(
                        JsonFields.Int(o, "key-id", path),
                        ParseType(JsonFields.Required(o, "key", path), $"{path}.key"),
                        JsonFields.Int(o, "value-id", path),
                        ParseType(JsonFields.Required(o, "value", path), $"{path}.value"),
                        JsonFields.Bool(o, "value-required", path)),
                    _ => throw new InvalidDataException($"{path}: unknown nested type '{kind}' (expected struct, list or map)."),
                };
            default:
                throw new InvalidDataException($"{path}: a type must be a string or an object, got {node?.ToJsonString() ?? "null"}.");
        }
    }

    public static string ToJson(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, schema);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(schema);
        writer.WriteStartObject();
        writer.WriteString("type", "struct");
        writer.WriteNumber("schema-id", schema.SchemaId);
        if (schema.IdentifierFieldIds.Count > 0)
        {
            writer.WriteStartArray("identifier-field-ids");
            foreach (var id in schema.IdentifierFieldIds)
            {
                writer.WriteNumberValue(id);
            }

            writer.WriteEndArray();
        }

        WriteFields(writer, schema.Fields);
        writer.WriteEndObject();
    }

    public static void WriteType(Utf8JsonWriter writer, IcebergType type)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (type)
        {
            case PrimitiveType p:
                writer.WriteStringValue(p.ToString());
                break;
            case StructType s:
                writer.WriteStartObject();
                writer.WriteString("type", "struct");
                WriteFields(writer, s.Fields);
                writer.WriteEndObject();
                break;
            case ListType l:
                writer.WriteStartObject();
                writer.WriteString("type", "list");
                writer.WriteNumber("element-id", l.ElementId);
                writer.WritePropertyName("element");
                WriteType(writer, l.ElementType);
                writer.WriteBoolean("element-required", l.ElementRequired);
                writer.WriteEndObject();
                break;
            case MapType m:
                writer.WriteStartObject();
                writer.WriteString("type", "map");
                writer.WriteNumber("key-id", m.KeyId);
                writer.WritePropertyName("key");
                WriteType(writer, m.KeyType);
                writer.WriteNumber("value-id", m.ValueId);
                writer.WritePropertyName("value");
                WriteType(writer, m.ValueType);
                writer.WriteBoolean("value-required", m.ValueRequired);
                writer.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"Cannot serialize type {type}.");
        }
    }

    private static StructType ParseStruct(JsonObject obj, string path)
    {
        var fields = JsonFields.AsArray(JsonFields.Required(obj, "fields", path), $"{path}.fields");
        var result = new List<NestedField>(fields.Count);
        foreach (var f in fields)
        {
            var fo = JsonFields.AsObject(f, $"{path}.fields[]");
            var name = JsonFields.String(fo, "name", $"{path} field");
            var fieldPath = $"{path}.{name}";
            result.Add(new NestedField(
                JsonFields.Int(fo, "id", fieldPath),
                name,
                ParseType(JsonFields.Required(fo, "type", fieldPath), fieldPath),
                JsonFields.Bool(fo, "required", fieldPath),
                JsonFields.OptionalString(fo, "doc", fieldPath))
            {
                InitialDefault = fo["initial-default"]?.DeepClone(),
                WriteDefault = fo["write-default"]?.DeepClone(),
            });
        }

        return new StructType(result);
    }

    private static void WriteFields(Utf8JsonWriter writer, IReadOnlyList<NestedField> fields)
    {
        writer.WriteStartArray("fields");
        foreach (var f in fields)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", f.Id);
            writer.WriteString("name", f.Name);
            writer.WriteBoolean("required", f.Required);
            writer.WritePropertyName("type");
            WriteType(writer, f.Type);
            if (f.Doc is not null)
            {
                writer.WriteString("doc", f.Doc);
            }

            if (f.InitialDefault is not null)
            {
                writer.WritePropertyName("initial-default");
                f.InitialDefault.WriteTo(writer);
            }

            if (f.WriteDefault is not null)
            {
                writer.WritePropertyName("write-default");
                f.WriteDefault.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
