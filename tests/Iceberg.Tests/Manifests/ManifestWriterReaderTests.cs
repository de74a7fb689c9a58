using System.Text.Json.Nodes;
using OrleansMaestro.Iceberg.Avro;
using OrleansMaestro.Iceberg.Manifests;
using OrleansMaestro.Iceberg.Spec;
using static OrleansMaestro.Iceberg.Tests.Manifests.ManifestFixtures;

namespace OrleansMaestro.Iceberg.Tests.Manifests;

public sealed class ManifestWriterReaderTests
{
    [Theory]
    [InlineData(AvroCodec.Deflate)]
    [InlineData(AvroCodec.Null)]
    public void Round_trips_every_primitive_partition_type_and_every_metric_map(AvroCodec codec)
    {
        var writer = new ManifestWriter(AllTypesSchema, AllTypesSpec, ManifestContent.Data, snapshotId: 42, codec);
        var files = new[] { File("s3://b/a.parquet", SampleTuple(1)), File("s3://b/b.parquet", SampleTuple(2)), File("s3://b/n.parquet", NullTuple()) with { ColumnSizes = null, LowerBounds = null, KeyMetadata = null, SplitOffsets = null, SortOrderId = null } };
        foreach (var f in files)
        {
            writer.Add(f);
        }

        var bytes = writer.ToBytes();
        var reader = new ManifestReader(bytes);
        var withSpec = reader.ReadEntries(null, AllTypesSpec, AllTypesSchema);
        var inferred = reader.ReadEntries();

        foreach (var entries in new[] { withSpec, inferred })
        {
            Assert.Equal(files.Length, entries.Count);
            for (var i = 0; i < files.Length; i++)
            {
                Assert.Equal(ManifestEntryStatus.Added, entries[i].Status);
                Assert.Equal(42, entries[i].SnapshotId);
                Assert.Null(entries[i].SequenceNumber);
                Assert.Null(entries[i].FileSequenceNumber);
                Assert.Equal(7, entries[i].DataFile.SpecId);
                AssertSameFile(files[i], entries[i].DataFile);
            }
        }
    }

    [Fact]
    public void Round_trips_delete_files_with_equality_ids()
    {
        var writer = new ManifestWriter(AllTypesSchema, AllTypesSpec, ManifestContent.Deletes, 5);
        var file = File("s3://b/eq.parquet", SampleTuple(3), DataFileContent.EqualityDeletes);
        writer.Add(file);
        var reader = new ManifestReader(writer.ToBytes());
        Assert.Equal(ManifestContent.Deletes, reader.Content);
        AssertSameFile(file, Assert.Single(reader.ReadEntries()).DataFile);
        Assert.Throws<ArgumentException>(() => writer.Add(File("s3://b/data.parquet", SampleTuple(3))));
    }

    [Fact]
    public void Header_schema_carries_field_ids_for_every_field()
    {
        var writer = new ManifestWriter(AllTypesSchema, AllTypesSpec, ManifestContent.Data, 1);
        writer.Add(File("s3://b/a.parquet", SampleTuple(1)));
        var schemaJson = new ManifestReader(writer.ToBytes()).AvroSchemaJson;
        var root = JsonNode.Parse(schemaJson)!.AsObject();
        Assert.Equal("manifest_entry", (string?)root["name"]);

        var fieldIds = new List<int>();
        var elementIds = new List<int>();
        var recordNames = new List<string>();
        Collect(root, fieldIds, elementIds, recordNames, out var fieldsWithoutId);

        Assert.Equal(0, fieldsWithoutId);
        int[] expected = [0, 1, 2, 3, 4, 100, 101, 102, 103, 104, 108, 109, 110, 137, 125, 128, 131, 132, 135, 140, 134,
            117, 118, 119, 120, 121, 122, 138, 139, 126, 127, 129, 130, .. Enumerable.Range(1000, 15)];
        Assert.Equal(expected.Order(), fieldIds.Order());
        Assert.Equal([133, 136], elementIds.Order());
        Assert.Contains("r2", recordNames);
        Assert.Contains("r102", recordNames);
        Assert.Contains("k117_v118", recordNames);
        Assert.Contains("k129_v130", recordNames);

        // Spot-check the Avro forms of Appendix A.
        Assert.Contains("\"logicalType\":\"map\"", schemaJson, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\",\"adjust-to-utc\":false}", schemaJson, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"long\",\"logicalType\":\"timestamp-micros\",\"adjust-to-utc\":true}", schemaJson, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"int\",\"logicalType\":\"date\"}", schemaJson, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"fixed\",\"name\":\"uuid_fixed\",\"size\":16,\"logicalType\":\"uuid\"}", schemaJson, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"fixed\",\"name\":\"decimal_9_2\",\"size\":4,\"logicalType\":\"decimal\",\"precision\":9,\"scale\":2}", schemaJson, StringComparison.Ordinal);
        Assert.Contains("{\"type\":\"fixed\",\"name\":\"decimal_20_4\",\"size\":9,", schemaJson, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"big_x20dec_p\"", schemaJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_required_file_metadata()
    {
        var writer = new ManifestWriter(AllTypesSchema, AllTypesSpec, ManifestContent.Data, 1);
        var reader = new ManifestReader(writer.ToBytes());
        Assert.Equal(2, reader.FormatVersion);
        Assert.Equal(7, reader.PartitionSpecId);
        Assert.Equal(3, reader.SchemaId);
        Assert.Equal(ManifestContent.Data, reader.Content);

        var schema = JsonNode.Parse(reader.SchemaJson!)!;
        Assert.Equal("struct", (string?)schema["type"]);
        Assert.Equal(3, (int?)schema["schema-id"]);
        var fields = schema["fields"]!.AsArray();
        Assert.Equal(17, fields.Count);
        Assert.Equal("decimal(9,2)", (string?)fields[5]!["type"]);
        Assert.Equal("list", (string?)fields[15]!["type"]!["type"]);
        Assert.Equal(17, (int?)fields[15]!["type"]!["element-id"]);
        Assert.Equal("map", (string?)fields[16]!["type"]!["type"]);
        Assert.Equal("struct", (string?)fields[16]!["type"]!["value"]!["type"]);

        var spec = JsonNode.Parse(reader.PartitionSpecJson!)!.AsArray();
        Assert.Equal(15, spec.Count);
        Assert.Equal("b_p", (string?)spec[0]!["name"]);
        Assert.Equal("identity", (string?)spec[0]!["transform"]);
        Assert.Equal(1, (int?)spec[0]!["source-id"]);
        Assert.Equal(1000, (int?)spec[0]!["field-id"]);
    }

    [Fact]
    public void Sequence_numbers_are_inherited_from_the_manifest_list_entry()
    {
        var writer = new ManifestWriter(AllTypesSchema, AllTypesSpec, ManifestContent.Data, snapshotId: 30);
        writer.Add(File("s3://b/new.parquet", SampleTuple(1)));
        writer.Existing(File("s3://b/old.parquet", SampleTuple(2)), snapshotId: 10, sequenceNumber: 2, fileSequenceNumber: 3);
        writer.Delete(File("s3://b/gone.parquet", SampleTuple(3)), sequenceNumber: 1, fileSequenceNumber: null);
        var bytes = writer.ToBytes();

        var summary = writer.ToManifestFile("s3://b/m.avro", bytes.Length);
        Assert.Equal(ManifestWriter.UnassignedSequenceNumber, summary.SequenceNumber);
        Assert.Equal(1, summary.MinSequenceNumber);
        var list = new ManifestListWriter(snapshotId: 30, parentSnapshotId: 10, sequenceNumber: 5);
        list.Add(summary);
        var manifest = Assert.Single(list.Manifests);
        Assert.Equal(5, manifest.SequenceNumber);

        var raw = ManifestReader.Read(bytes);
        Assert.Null(raw[0].SequenceNumber);

        var entries = new ManifestReader(bytes).ReadEntries(manifest, AllTypesSpec, AllTypesSchema);
        Assert.Equal((ManifestEntryStatus.Added, 30L, 5L, 5L), (entries[0].Status, entries[0].SnapshotId!.Value, entries[0].SequenceNumber!.Value, entries[0].FileSequenceNumber!.Value));
        Assert.Equal((ManifestEntryStatus.Existing, 10L, 2L, 3L), (entries[1].Status, entries[1].SnapshotId!.Value, entries[1].SequenceNumber!.Value, entries[1].FileSequenceNumber!.Value));
        Assert.Equal((ManifestEntryStatus.Deleted, 30L, 1L, 1L), (entries[2].Status, entries[2].SnapshotId!.Value, entries[2].SequenceNumber!.Value, entries[2].FileSequenceNumber!.Value));
    }

    [Fact]
    public void Existing_entries_without_sequence_numbers_are_rejected()
    {
        var writer = new ManifestWriter(AllTypesSchema, AllTypesSpec, ManifestContent.Data, 1);
        Assert.Throws<ArgumentException>(() => writer.Existing(new ManifestEntry(ManifestEntryStatus.Existing, 1, null, null, File("s3://b/x.parquet", SampleTuple(1)))));
    }

    [Fact]
    public void Manifest_list_refuses_to_assign_a_sequence_number_to_another_snapshots_manifest()
    {
        var writer = new ManifestWriter(AllTypesSchema, AllTypesSpec, ManifestContent.Data, snapshotId: 1);
        var summary = writer.ToManifestFile("m.avro", 10);
        Assert.Throws<ArgumentException>(() => new ManifestListWriter(2, 1, 9).Add(summary));
    }

    [Fact]
    public void Unpartitioned_manifest_is_readable_by_apache_avro()
    {
        var schema = new Schema(0, [NestedField.RequiredField(1, "id", PrimitiveType.Long)]);
        var writer = new ManifestWriter(schema, PartitionSpec.Unpartitioned, ManifestContent.Data, 1);
        writer.Add(new DataFile { FilePath = "a.parquet", RecordCount = 1, FileSizeInBytes = 2, Partition = new StructValue() });
        using var reader = global::Avro.File.DataFileReader<global::Avro.Generic.GenericRecord>.OpenReader(new MemoryStream(writer.ToBytes()));
        var rec = reader.Next();
        var dataFile = (global::Avro.Generic.GenericRecord)rec["data_file"];
        Assert.Equal("a.parquet", dataFile["file_path"]);
        Assert.Equal("2", reader.GetMetaString("format-version"));
    }

    private static void Collect(JsonNode? node, List<int> fieldIds, List<int> elementIds, List<string> recordNames, out int fieldsWithoutId)
    {
        fieldsWithoutId = 0;
        switch (node)
        {
            case JsonArray arr:
                foreach (var n in arr)
                {
                    Collect(n, fieldIds, elementIds, recordNames, out var missing);
                    fieldsWithoutId += missing;
                }

                break;
            case JsonObject obj:
                if (obj["element-id"] is { } e)
                {
                    elementIds.Add((int)e);
                }

                if ((string?)obj["type"] == "record")
                {
                    recordNames.Add((string)obj["name"]!);
                    foreach (var f in obj["fields"]!.AsArray())
                    {
                        if (f!["field-id"] is { } id)
                        {
                            fieldIds.Add((int)id);
                        }
                        else
                        {
                            fieldsWithoutId++;
                        }

                        Collect(f["type"], fieldIds, elementIds, recordNames, out var missing);
                        fieldsWithoutId += missing;
                    }
                }
                else
                {
                    Collect(obj["items"], fieldIds, elementIds, recordNames, out var missing);
                    fieldsWithoutId += missing;
                }

                break;
        }
    }
}
