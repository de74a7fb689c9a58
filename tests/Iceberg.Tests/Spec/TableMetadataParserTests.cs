using System.Text.Json.Nodes;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Spec;

public class TableMetadataParserTests
{
    // Shaped like apache/iceberg core/src/test/resources/TableMetadataV2Valid.json.
    private const string V2 = """
        {
          "format-version": 2,
          "table-uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1",
          "location": "s3://bucket/test/location",
          "last-sequence-number": 34,
          "last-updated-ms": 1602638573590,
          "last-column-id": 3,
          "current-schema-id": 1,
          "schemas": [
            {"type": "struct", "schema-id": 0, "fields": [{"id": 1, "name": "x", "required": true, "type": "long"}]},
            {"type": "struct", "schema-id": 1, "identifier-field-ids": [1, 2], "fields": [
              {"id": 1, "name": "x", "required": true, "type": "long"},
              {"id": 2, "name": "y", "required": true, "type": "long", "doc": "comment"},
              {"id": 3, "name": "z", "required": true, "type": "long"}]}
          ],
          "default-spec-id": 0,
          "partition-specs": [{"spec-id": 0, "fields": [{"name": "x", "transform": "identity", "source-id": 1, "field-id": 1000}]}],
          "last-partition-id": 1000,
          "default-sort-order-id": 3,
          "sort-orders": [{"order-id": 3, "fields": [
            {"transform": "identity", "source-id": 2, "direction": "asc", "null-order": "nulls-first"}]}],
          "properties": {"owner": "maestro", "custom.unknown.property": "kept"},
          "current-snapshot-id": 3055729675574597004,
          "snapshots": [
            {"snapshot-id": 3051729675574597004, "timestamp-ms": 1515100955770, "sequence-number": 0,
             "summary": {"operation": "append"}, "manifest-list": "s3://a/b/1.avro"},
            {"snapshot-id": 3055729675574597004, "parent-snapshot-id": 3051729675574597004, "timestamp-ms": 1555100955770,
             "sequence-number": 1, "summary": {"operation": "append", "maestro.run": "w/1"}, "manifest-list": "s3://a/b/2.avro", "schema-id": 1}
          ],
          "snapshot-log": [{"snapshot-id": 3051729675574597004, "timestamp-ms": 1515100955770},
                           {"snapshot-id": 3055729675574597004, "timestamp-ms": 1555100955770}],
          "metadata-log": [{"metadata-file": "s3://bucket/.../v1.json", "timestamp-ms": 1515100}],
          "statistics": [{"snapshot-id": 3055729675574597004, "statistics-path": "s3://a/b/stats.puffin", "file-size-in-bytes": 413, "file-footer-size-in-bytes": 42, "blob-metadata": []}],
          "a-future-field": {"nested": [1, 2, 3]}
        }
        """;

    private const string V1 = """
        {
          "format-version": 1,
          "table-uuid": "d20125c8-7284-442c-9aea-15fee620737c",
          "location": "s3a://bucket/test/location",
          "last-updated-ms": 1602638573874,
          "last-column-id": 3,
          "schema": {"type": "struct", "fields": [
            {"id": 1, "name": "x", "required": true, "type": "long"},
            {"id": 2, "name": "y", "required": true, "type": "long", "doc": "comment"},
            {"id": 3, "name": "z", "required": true, "type": "long"}]},
          "partition-spec": [{"name": "x", "transform": "identity", "source-id": 1}],
          "properties": {},
          "current-snapshot-id": -1,
          "snapshots": []
        }
        """;

    [Fact]
    public void Reads_v2_metadata_with_every_section()
    {
        var m = TableMetadataParser.FromJson(V2);

        Assert.Equal(2, m.FormatVersion);
        Assert.Equal(Guid.Parse("9c12d441-03fe-4693-9a96-a0705ddf69c1"), m.TableUuid);
        Assert.Equal(34, m.LastSequenceNumber);
        Assert.Equal(1, m.CurrentSchema.SchemaId);
        Assert.Equal([1, 2], m.CurrentSchema.IdentifierFieldIds);
        Assert.Equal("comment", m.CurrentSchema.FindField("y")!.Doc);
        Assert.Equal("x", m.DefaultSpec.Fields.Single().Name);
        Assert.Equal(1000, m.LastPartitionId);
        Assert.Equal(3, m.DefaultSortOrderId);
        Assert.Equal(3055729675574597004, m.CurrentSnapshot!.SnapshotId);
        Assert.Equal(3051729675574597004, m.CurrentSnapshot.ParentSnapshotId);
        Assert.Equal("w/1", m.CurrentSnapshot.Summary["maestro.run"]);
        Assert.Equal(3055729675574597004, m.Refs["main"].SnapshotId);
        Assert.Equal(2, m.SnapshotLog.Count);
        Assert.Single(m.MetadataLog);
        Assert.True(m.ExtraFields.ContainsKey("statistics"));
        Assert.Equal(2, m.Ancestors().Count());
    }

    [Fact]
    public void Reads_gzip_compressed_metadata_as_java_writes_it_with_the_gzip_codec()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(V2));
        }

        var m = TableMetadataParser.FromJson(compressed.ToArray());

        Assert.Equal(TableMetadataParser.ToJson(TableMetadataParser.FromJson(V2)), TableMetadataParser.ToJson(m));
        var corrupt = compressed.ToArray();
        corrupt.AsSpan(10, 20).Fill(0xff);
        Assert.Contains("gzip", Assert.Throws<InvalidDataException>(() => TableMetadataParser.FromJson(corrupt)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trips_v2_including_unknown_fields_and_properties()
    {
        var m = TableMetadataParser.FromJson(V2);
        var written = TableMetadataParser.ToJson(m);
        var again = TableMetadataParser.FromJson(written);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TableMetadataParser.ToJson(again)), JsonNode.Parse(written)));
        Assert.Equal("kept", again.Properties["custom.unknown.property"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"nested": [1, 2, 3]}"""), again.ExtraFields["a-future-field"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(V2)!["statistics"], JsonNode.Parse(written)!["statistics"]));
        Assert.Equal(m.Snapshots, again.Snapshots, (a, b) => a.SnapshotId == b.SnapshotId && a.ManifestList == b.ManifestList && a.Summary.SequenceEqual(b.Summary));
    }

    [Fact]
    public void Reads_v1_metadata_and_assigns_partition_field_ids_from_1000()
    {
        var m = TableMetadataParser.FromJson(V1);

        Assert.Equal(1, m.FormatVersion);
        Assert.Null(m.CurrentSnapshotId);
        Assert.Equal(3, m.CurrentSchema.Fields.Count);
        Assert.Equal(1000, m.DefaultSpec.Fields.Single().FieldId);
        Assert.Equal(1000, m.LastPartitionId);
        Assert.Equal(0, m.LastSequenceNumber);
    }

    [Fact]
    public void Writes_v2_when_given_v1()
    {
        var json = JsonNode.Parse(TableMetadataParser.ToJson(TableMetadataParser.FromJson(V1)))!;
        Assert.Equal(2, json["format-version"]!.GetValue<int>());
        Assert.NotNull(json["schemas"]);
        Assert.NotNull(json["partition-specs"]);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""{"format-version": 2}""", "missing required field")]
    [InlineData("""{"format-version": 9}""", "format-version 9")]
    [InlineData("""{"format-version": "two"}""", "format-version")]
    public void Malformed_metadata_gives_an_error_that_names_the_problem(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => TableMetadataParser.FromJson(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Current_snapshot_that_does_not_exist_is_rejected()
    {
        var bad = V2.Replace("\"current-snapshot-id\": 3055729675574597004", "\"current-snapshot-id\": 42", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidDataException>(() => TableMetadataParser.FromJson(bad));
        Assert.Contains("42", e.Message, StringComparison.Ordinal);
    }
}
