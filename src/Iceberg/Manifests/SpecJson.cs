using System.Text.Json.Nodes;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Manifests;

/// <summary>
/// The JSON forms of a schema and of a partition spec's fields (spec appendix C: "JSON serialization"), needed for
/// the manifest's <c>schema</c> and <c>partition-spec</c> metadata keys.
/// TODO(merge): use the metadata parser once it lands; this file exists only so it can be swapped out in one place.
/// </summary>
internal static class SpecJson
{
    public static string SchemaToJson(Schema schema)
    {
        var obj = StructToJson(schema.Struct);
        obj.Insert(1, "schema-id", schema.SchemaId);
        if (schema.IdentifierFieldIds.Count > 0)
        {
            obj["identifier-field-ids"] = new JsonArray(schema.IdentifierFieldIds.Select(i => (JsonNode)i).ToArray());
        }

        return obj.ToJsonString();
    }

    /// <summary>The spec's fields as a JSON array, which is what Java writes under <c>partition-spec</c>.</summary>
    public static string PartitionFieldsToJson(PartitionSpec spec) =>
        new JsonArray(spec.Fields.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["transform"] = f.Transform.ToString(),
            ["source-id"] = f.SourceId,
            ["field-id"] = f.FieldId,
        }).ToArray()).ToJsonString();

    private static JsonNode TypeToJson(IcebergType type) => type switch
    {
        PrimitiveType p => JsonValue.Create(p.ToString()),
        StructType s => StructToJson(s),
        ListType l => new JsonObject
        {
            ["type"] = "list",
            ["element-id"] = l.ElementId,
            ["element"] = TypeToJson(l.ElementType),
            ["element-required"] = l.ElementRequired,
        },
        MapType m => new JsonObject
        {
            ["type"] = "map",
            ["key-id"] = m.KeyId,
            ["key"] = TypeToJson(m.KeyType),
            ["value-id"] = m.ValueId,
            ["value"] = TypeToJson(m.ValueType),
            ["value-required"] = m.ValueRequired,
        },
        _ => throw new NotSupportedException($"Type {type}."),
    };

    private static JsonObject StructToJson(StructType type)
    {
        var fields = new JsonArray();
        foreach (var f in type.Fields)
        {
            var fo = new JsonObject
            {
                ["id"] = f.Id,
                ["name"] = f.Name,
                ["required"] = f.Required,
                ["type"] = TypeToJson(f.Type),
            };
            if (f.Doc is not null)
            {
                fo["doc"] = f.Doc;
            }

            if (f.InitialDefault is not null)
            {
                fo["initial-default"] = f.InitialDefault.DeepClone();
            }

            if (f.WriteDefault is not null)
            {
                fo["write-default"] = f.WriteDefault.DeepClone();
            }

            fields.Add(fo);
        }

        return new JsonObject { ["type"] = "struct", ["fields"] = fields };
    }
}
