using Avro.File;
using Avro.Generic;
using OrleansMaestro.Iceberg.Manifests;
using OrleansMaestro.Iceberg.Spec;
using AvroSchema = Avro.Schema;

namespace OrleansMaestro.Iceberg.Tests.Manifests;

/// <summary>v1 manifests and manifest lists as older Java/Spark writers produce them, written here with Apache.Avro.</summary>
public sealed class V1ManifestTests
{
    // The v1 manifest_entry schema (spec: "Manifests", v1 column): no content or sequence numbers, block_size_in_bytes present.
    private const string V1EntrySchema = """
        {"type":"record","name":"manifest_entry","fields":[
          {"name":"status","type":"int","field-id":0},
          {"name":"snapshot_id","type":["null","long"],"default":null,"field-id":1},
          {"name":"data_file","type":{"type":"record","name":"r2","fields":[
            {"name":"file_path","type":"string","field-id":100},
            {"name":"file_format","type":"string","field-id":101},
            {"name":"partition","type":{"type":"record","name":"r102","fields":[
              {"name":"category","type":["null","string"],"default":null,"field-id":1000},
              {"name":"day","type":["null",{"type":"int","logicalType":"date"}],"default":null,"field-id":1001}]},"field-id":102},
            {"name":"record_count","type":"long","field-id":103},
            {"name":"file_size_in_bytes","type":"long","field-id":104},
            {"name":"block_size_in_bytes","type":"long","field-id":105},
            {"name":"column_sizes","type":["null",{"type":"array","items":{"type":"record","name":"k117_v118","fields":[
              {"name":"key","type":"int","field-id":117},{"name":"value","type":"long","field-id":118}]},"logicalType":"map"}],"default":null,"field-id":108},
            {"name":"lower_bounds","type":["null",{"type":"array","items":{"type":"record","name":"k126_v127","fields":[
              {"name":"key","type":"int","field-id":126},{"name":"value","type":"bytes","field-id":127}]},"logicalType":"map"}],"default":null,"field-id":125},
            {"name":"key_metadata","type":["null","bytes"],"default":null,"field-id":131},
            {"name":"split_offsets","type":["null",{"type":"array","items":"long","element-id":133}],"default":null,"field-id":132},
            {"name":"sort_order_id","type":["null","int"],"default":null,"field-id":140}]},"field-id":2}]}
        """;

    private const string V1ListSchema = """
        {"type":"record","name":"manifest_file","fields":[
          {"name":"manifest_path","type":"string","field-id":500},
          {"name":"manifest_length","type":"long","field-id":501},
          {"name":"partition_spec_id","type":"int","field-id":502},
          {"name":"added_snapshot_id","type":["null","long"],"default":null,"field-id":503},
          {"name":"added_data_files_count","type":["null","int"],"default":null,"field-id":504},
          {"name":"existing_data_files_count","type":["null","int"],"default":null,"field-id":505},
          {"name":"deleted_data_files_count","type":["null","int"],"default":null,"field-id":506},
          {"name":"partitions","type":["null",{"type":"array","items":{"type":"record","name":"r508","fields":[
            {"name":"contains_null","type":"boolean","field-id":509},
            {"name":"lower_bound","type":["null","bytes"],"default":null,"field-id":510},
            {"name":"upper_bound","type":["null","bytes"],"default":null,"field-id":511}]},"element-id":508}],"default":null,"field-id":507},
          {"name":"added_rows_count","type":["null","long"],"default":null,"field-id":512},
          {"name":"existing_rows_count","type":["null","long"],"default":null,"field-id":513},
          {"name":"deleted_rows_count","type":["null","long"],"default":null,"field-id":514}]}
        """;

    private static readonly Schema TableSchema = new(0,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Long),
        NestedField.OptionalField(2, "category", PrimitiveType.String),
        NestedField.OptionalField(3, "day", PrimitiveType.Date),
    ]);

    private static readonly PartitionSpec Spec = new(0,
    [
        new PartitionField(2, 1000, "category", IdentityTransform.Instance),
        new PartitionField(3, 1001, "day", IdentityTransform.Instance),
    ]);

    [Fact]
    public void Reads_a_v1_manifest_by_field_name_with_v1_defaults()
    {
        var bytes = WriteV1Manifest();
        var reader = new ManifestReader(bytes);
        Assert.Equal(1, reader.FormatVersion);
        Assert.Equal(ManifestContent.Data, reader.Content);
        Assert.Equal(0, reader.PartitionSpecId);

        var manifest = new ManifestFile { ManifestPath = "m.avro", ManifestLength = bytes.Length, AddedSnapshotId = 77, SequenceNumber = 0 };
        var entries = reader.ReadEntries(manifest, Spec, TableSchema);
        Assert.Equal(2, entries.Count);

        var first = entries[0];
        Assert.Equal(ManifestEntryStatus.Added, first.Status);
        Assert.Equal(77, first.SnapshotId); // null in the file, inherited
        Assert.Equal(0, first.SequenceNumber);
        Assert.Equal(0, first.FileSequenceNumber);
        Assert.Equal(DataFileContent.Data, first.DataFile.Content);
        Assert.Equal(FileFormat.Parquet, first.DataFile.FileFormat);
        Assert.Equal(new StructValue("books", new DateOnly(2020, 1, 2)), first.DataFile.Partition);
        Assert.Equal(12, first.DataFile.RecordCount);
        Assert.Equal(34, first.DataFile.ColumnSizes![1]);
        Assert.Equal(new byte[] { 5 }, first.DataFile.LowerBounds![2]);
        Assert.Equal([4L], first.DataFile.SplitOffsets!);
        Assert.Null(first.DataFile.ValueCounts);

        var second = entries[1];
        Assert.Equal(ManifestEntryStatus.Existing, second.Status);
        Assert.Equal(5, second.SnapshotId);
        Assert.Equal(0, second.SequenceNumber);
        Assert.Equal(new StructValue(null, null), second.DataFile.Partition);

        // Without a manifest list entry v1 sequence numbers still read as 0; types are inferred from the Avro schema.
        var inferred = ManifestReader.Read(bytes);
        Assert.Equal(0, inferred[0].SequenceNumber);
        Assert.Equal(new StructValue("books", new DateOnly(2020, 1, 2)), inferred[0].DataFile.Partition);
    }

    [Fact]
    public void Reads_a_v1_manifest_list()
    {
        var schema = AvroSchema.Parse(V1ListSchema);
        var summarySchema = (global::Avro.RecordSchema)((global::Avro.ArraySchema)((global::Avro.UnionSchema)((global::Avro.RecordSchema)schema)["partitions"].Schema).Schemas[1]).ItemSchema;
        var summary = new GenericRecord(summarySchema);
        summary.Add("contains_null", true);
        summary.Add("lower_bound", "a"u8.ToArray());
        summary.Add("upper_bound", "k"u8.ToArray());
        var rec = new GenericRecord((global::Avro.RecordSchema)schema);
        rec.Add("manifest_path", "s3://b/m1.avro");
        rec.Add("manifest_length", 1234L);
        rec.Add("partition_spec_id", 0);
        rec.Add("added_snapshot_id", 77L);
        rec.Add("added_data_files_count", 2);
        rec.Add("existing_data_files_count", 1);
        rec.Add("deleted_data_files_count", null);
        rec.Add("partitions", new object[] { summary });
        rec.Add("added_rows_count", 24L);
        rec.Add("existing_rows_count", 5L);
        rec.Add("deleted_rows_count", null);
        var bytes = Write(schema, [rec], new Dictionary<string, string> { ["snapshot-id"] = "77", ["parent-snapshot-id"] = "null", ["format-version"] = "1" });

        var reader = new ManifestListReader(bytes);
        Assert.Equal(1, reader.FormatVersion);
        Assert.Equal(77, reader.SnapshotId);
        Assert.Null(reader.ParentSnapshotId);
        var m = Assert.Single(reader.Manifests);
        Assert.Equal("s3://b/m1.avro", m.ManifestPath);
        Assert.Equal(1234, m.ManifestLength);
        Assert.Equal(ManifestContent.Data, m.Content);
        Assert.Equal(0, m.SequenceNumber);
        Assert.Equal(0, m.MinSequenceNumber);
        Assert.Equal(77, m.AddedSnapshotId);
        Assert.Equal((2, 1, 0), (m.AddedFilesCount, m.ExistingFilesCount, m.DeletedFilesCount));
        Assert.Equal((24L, 5L, 0L), (m.AddedRowsCount, m.ExistingRowsCount, m.DeletedRowsCount));
        var p = Assert.Single(m.Partitions!);
        Assert.True(p.ContainsNull);
        Assert.Null(p.ContainsNan);
        Assert.Equal("a"u8.ToArray(), p.LowerBound);
        Assert.Equal("k"u8.ToArray(), p.UpperBound);
    }

    private static byte[] WriteV1Manifest()
    {
        var schema = (global::Avro.RecordSchema)AvroSchema.Parse(V1EntrySchema);
        var dataFileSchema = (global::Avro.RecordSchema)schema["data_file"].Schema;
        var partitionSchema = (global::Avro.RecordSchema)dataFileSchema["partition"].Schema;
        var sizesSchema = (global::Avro.RecordSchema)((global::Avro.ArraySchema)((global::Avro.UnionSchema)dataFileSchema["column_sizes"].Schema).Schemas[1]).ItemSchema;
        var boundsSchema = (global::Avro.RecordSchema)((global::Avro.ArraySchema)((global::Avro.UnionSchema)dataFileSchema["lower_bounds"].Schema).Schemas[1]).ItemSchema;

        GenericRecord Entry(int status, long? snapshotId, string path, string? category, int? day, bool metrics)
        {
            var partition = new GenericRecord(partitionSchema);
            partition.Add("category", category);
            partition.Add("day", day is null ? null : new DateTime(1970, 1, 1).AddDays(day.Value));
            var df = new GenericRecord(dataFileSchema);
            df.Add("file_path", path);
            df.Add("file_format", "PARQUET");
            df.Add("partition", partition);
            df.Add("record_count", 12L);
            df.Add("file_size_in_bytes", 999L);
            df.Add("block_size_in_bytes", 67108864L);
            var size = new GenericRecord(sizesSchema);
            size.Add("key", 1);
            size.Add("value", 34L);
            var bound = new GenericRecord(boundsSchema);
            bound.Add("key", 2);
            bound.Add("value", new byte[] { 5 });
            df.Add("column_sizes", metrics ? new object[] { size } : null);
            df.Add("lower_bounds", metrics ? new object[] { bound } : null);
            df.Add("key_metadata", null);
            df.Add("split_offsets", metrics ? new object[] { 4L } : null);
            df.Add("sort_order_id", null);
            var e = new GenericRecord(schema);
            e.Add("status", status);
            e.Add("snapshot_id", snapshotId);
            e.Add("data_file", df);
            return e;
        }

        return Write(schema,
            [Entry(1, null, "s3://b/1.parquet", "books", Conversions.ToEpochDays(new DateOnly(2020, 1, 2)), true), Entry(0, 5, "s3://b/2.parquet", null, null, false)],
            new Dictionary<string, string>
            {
                ["schema"] = """{"type":"struct","schema-id":0,"fields":[]}""",
                ["partition-spec"] = """[{"name":"category","transform":"identity","source-id":2,"field-id":1000}]""",
                ["partition-spec-id"] = "0",
                ["format-version"] = "1",
            });
    }

    private static byte[] Write(AvroSchema schema, IEnumerable<GenericRecord> records, Dictionary<string, string> meta)
    {
        using var ms = new MemoryStream();
        using (var writer = DataFileWriter<GenericRecord>.OpenWriter(new GenericDatumWriter<GenericRecord>(schema), ms, Codec.CreateCodec(Codec.Type.Deflate), leaveOpen: true))
        {
            foreach (var (k, v) in meta)
            {
                writer.SetMeta(k, v);
            }

            foreach (var r in records)
            {
                writer.Append(r);
            }
        }

        return ms.ToArray();
    }
}
