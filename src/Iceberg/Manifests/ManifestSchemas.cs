using System.Text.Json.Nodes;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Manifests;

/// <summary>
/// The v2 Avro schemas of manifests and manifest lists (spec: "Manifests", "Manifest Lists"), with the record names
/// Java writes (<c>manifest_entry</c>, <c>r2</c>, <c>r102</c>, <c>k117_v118</c>, <c>manifest_file</c>, <c>r508</c>) and every
/// field's Iceberg <c>field-id</c> (<c>element-id</c> on arrays) so readers map columns by id.
/// </summary>
internal static class ManifestSchemas
{
    public static string ManifestEntryV2(StructType partitionType)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        var partitionFields = new JsonArray();
        foreach (var f in partitionType.Fields)
        {
            partitionFields.Add(Optional(AvroTypes.SanitizeName(f.Name), AvroTypes.SchemaOf(f.Type.AsPrimitive(), defined), f.Id));
        }

        var dataFile = new JsonObject
        {
            ["type"] = "record",
            ["name"] = "r2",
            ["fields"] = new JsonArray(
                Required("content", "int", 134),
                Required("file_path", "string", 100),
                Required("file_format", "string", 101),
                Required("partition", new JsonObject { ["type"] = "record", ["name"] = "r102", ["fields"] = partitionFields }, 102),
                Required("record_count", "long", 103),
                Required("file_size_in_bytes", "long", 104),
                Optional("column_sizes", IntKeyMap(117, "long", 118), 108),
                Optional("value_counts", IntKeyMap(119, "long", 120), 109),
                Optional("null_value_counts", IntKeyMap(121, "long", 122), 110),
                Optional("nan_value_counts", IntKeyMap(138, "long", 139), 137),
                Optional("lower_bounds", IntKeyMap(126, "bytes", 127), 125),
                Optional("upper_bounds", IntKeyMap(129, "bytes", 130), 128),
                Optional("key_metadata", "bytes", 131),
                Optional("split_offsets", Array("long", 133), 132),
                Optional("equality_ids", Array("int", 136), 135),
                Optional("sort_order_id", "int", 140)),
        };

        return new JsonObject
        {
            ["type"] = "record",
            ["name"] = "manifest_entry",
            ["fields"] = new JsonArray(
                Required("status", "int", 0),
                Optional("snapshot_id", "long", 1),
                Optional("sequence_number", "long", 3),
                Optional("file_sequence_number", "long", 4),
                Required("data_file", dataFile, 2)),
        }.ToJsonString();
    }

    public static string ManifestFileV2()
    {
        var summary = new JsonObject
        {
            ["type"] = "record",
            ["name"] = "r508",
            ["fields"] = new JsonArray(
                Required("contains_null", "boolean", 509),
                Optional("contains_nan", "boolean", 518),
                Optional("lower_bound", "bytes", 510),
                Optional("upper_bound", "bytes", 511)),
        };

        return new JsonObject
        {
            ["type"] = "record",
            ["name"] = "manifest_file",
            ["fields"] = new JsonArray(
                Required("manifest_path", "string", 500),
                Required("manifest_length", "long", 501),
                Required("partition_spec_id", "int", 502),
                Required("content", "int", 517),
                Required("sequence_number", "long", 515),
                Required("min_sequence_number", "long", 516),
                Required("added_snapshot_id", "long", 503),
                Required("added_files_count", "int", 504),
                Required("existing_files_count", "int", 505),
                Required("deleted_files_count", "int", 506),
                Required("added_rows_count", "long", 512),
                Required("existing_rows_count", "long", 513),
                Required("deleted_rows_count", "long", 514),
                Optional("partitions", Array(summary, 508), 507),
                Optional("key_metadata", "bytes", 519)),
        }.ToJsonString();
    }

    private static JsonObject Required(string name, JsonNode type, int id) =>
        new() { ["name"] = name, ["type"] = type, ["field-id"] = id };

    private static JsonObject Optional(string name, JsonNode type, int id) =>
        new() { ["name"] = name, ["type"] = new JsonArray("null", type), ["default"] = null, ["field-id"] = id };

    private static JsonObject Array(JsonNode items, int elementId) =>
        new() { ["type"] = "array", ["items"] = items, ["element-id"] = elementId };

    /// <summary>Iceberg maps with non-string keys are Avro arrays of key/value records marked <c>logicalType: map</c> (spec appendix A).</summary>
    private static JsonObject IntKeyMap(int keyId, string valueType, int valueId) => new()
    {
        ["type"] = "array",
        ["items"] = new JsonObject
        {
            ["type"] = "record",
            ["name"] = $"k{keyId}_v{valueId}",
            ["fields"] = new JsonArray(Required("key", "int", keyId), Required("value", valueType, valueId)),
        },
        ["logicalType"] = "map",
    };
}
