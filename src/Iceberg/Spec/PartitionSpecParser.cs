using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>Partition spec JSON (spec appendix C: Partition Specs).</summary>
public static class PartitionSpecParser
{
    public static PartitionSpec FromJson(JsonNode? node)
    {
        var obj = JsonFields.AsObject(node, "A partition spec");
        var specId = JsonFields.OptionalInt(obj, "spec-id", "partition spec") ?? 0;
        return new PartitionSpec(specId, FieldsFromJson(JsonFields.Required(obj, "fields", "partition spec")));
    }

    /// <summary>Reads a fields array (v1's <c>partition-spec</c> has no field ids: they are assigned from 1000, as the spec says).</summary>
    public static IReadOnlyList<PartitionField> FieldsFromJson(JsonNode? node)
    {
        var fields = JsonFields.AsArray(node, "partition spec fields");
        var result = new List<PartitionField>(fields.Count);
        var nextId = PartitionSpec.FirstFieldId;
        foreach (var f in fields)
        {
            var fo = JsonFields.AsObject(f, "partition field");
            var name = JsonFields.String(fo, "name", "partition field");
            var owner = $"partition field '{name}'";
            var fieldId = JsonFields.OptionalInt(fo, "field-id", owner) ?? nextId;
            nextId = Math.Max(nextId, fieldId) + 1;
            Transform transform;
            try
            {
                transform = Transform.Parse(JsonFields.String(fo, "transform", owner));
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{owner}: {e.Message}", e);
            }

            result.Add(new PartitionField(JsonFields.Int(fo, "source-id", owner), fieldId, name, transform));
        }

        return result;
    }

    public static void Write(Utf8JsonWriter writer, PartitionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(spec);
        writer.WriteStartObject();
        writer.WriteNumber("spec-id", spec.SpecId);
        writer.WritePropertyName("fields");
        WriteFields(writer, spec);
        writer.WriteEndObject();
    }

    public static void WriteFields(Utf8JsonWriter writer, PartitionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(spec);
        writer.WriteStartArray();
        foreach (var f in spec.Fields)
        {
            writer.WriteStartObject();
            writer.WriteString("name", f.Name);
            writer.WriteString("transform", f.Transform.ToString());
            writer.WriteNumber("source-id", f.SourceId);
            writer.WriteNumber("field-id", f.FieldId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The fields array alone, as manifests store it in their <c>partition-spec</c> metadata key.</summary>
    public static string FieldsToJson(PartitionSpec spec)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteFields(writer, spec);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
