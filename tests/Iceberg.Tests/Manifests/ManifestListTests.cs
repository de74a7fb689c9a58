using OrleansMaestro.Iceberg.Manifests;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Manifests;

public sealed class ManifestListTests
{
    private static readonly Schema TableSchema = new(1,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Long),
        NestedField.OptionalField(2, "region", PrimitiveType.String),
        NestedField.OptionalField(3, "score", PrimitiveType.Double),
        NestedField.OptionalField(4, "day", PrimitiveType.Date),
    ]);

    private static readonly PartitionSpec Spec = new(2,
    [
        new PartitionField(2, 1000, "region", IdentityTransform.Instance),
        new PartitionField(3, 1001, "score", IdentityTransform.Instance),
        new PartitionField(4, 1002, "day", IdentityTransform.Instance),
    ]);

    [Fact]
    public void Manifest_summary_has_counts_and_partition_field_summaries()
    {
        var writer = new ManifestWriter(TableSchema, Spec, ManifestContent.Data, snapshotId: 9);
        writer.Add(File("a", new StructValue("eu", 2.5, new DateOnly(2024, 3, 1)), rows: 10));
        writer.Add(File("b", new StructValue("Zulu", double.NaN, new DateOnly(2023, 1, 1)), rows: 20));
        writer.Existing(File("c", new StructValue(null, -1.0, new DateOnly(2025, 1, 1)), rows: 5), snapshotId: 3, sequenceNumber: 4, fileSequenceNumber: 4);
        writer.Delete(File("d", new StructValue("apac", 7.0, new DateOnly(2022, 6, 6)), rows: 7), sequenceNumber: 2, fileSequenceNumber: 2);

        var m = writer.ToManifestFile("s3://b/m.avro", 321);
        Assert.Equal(("s3://b/m.avro", 321L, 2, ManifestContent.Data, 9L), (m.ManifestPath, m.ManifestLength, m.PartitionSpecId, m.Content, m.AddedSnapshotId));
        Assert.Equal((2, 1, 1), (m.AddedFilesCount, m.ExistingFilesCount, m.DeletedFilesCount));
        Assert.Equal((30L, 5L, 7L), (m.AddedRowsCount, m.ExistingRowsCount, m.DeletedRowsCount));
        Assert.Equal(2, m.MinSequenceNumber);

        var region = m.Partitions![0];
        Assert.True(region.ContainsNull);
        Assert.Null(region.ContainsNan);
        Assert.Equal("Zulu", Conversions.FromBytes(PrimitiveType.String, region.LowerBound!)); // ordinal: 'Z' < 'a'
        Assert.Equal("eu", Conversions.FromBytes(PrimitiveType.String, region.UpperBound!));

        var score = m.Partitions[1];
        Assert.False(score.ContainsNull);
        Assert.True(score.ContainsNan);
        Assert.Equal(-1.0, Conversions.FromBytes(PrimitiveType.Double, score.LowerBound!));
        Assert.Equal(7.0, Conversions.FromBytes(PrimitiveType.Double, score.UpperBound!));

        var day = m.Partitions[2];
        Assert.False(day.ContainsNull);
        Assert.Equal(new DateOnly(2022, 6, 6), Conversions.FromBytes(PrimitiveType.Date, day.LowerBound!));
        Assert.Equal(new DateOnly(2025, 1, 1), Conversions.FromBytes(PrimitiveType.Date, day.UpperBound!));
    }

    [Fact]
    public void Manifest_list_round_trips_with_assigned_sequence_numbers_and_metadata()
    {
        var writer = new ManifestWriter(TableSchema, Spec, ManifestContent.Data, snapshotId: 9);
        writer.Add(File("a", new StructValue("eu", 2.5, new DateOnly(2024, 3, 1)), rows: 10));
        var added = writer.ToManifestFile("s3://b/new.avro", 100);
        var old = new ManifestFile
        {
            ManifestPath = "s3://b/old-deletes.avro",
            ManifestLength = 50,
            PartitionSpecId = 1,
            Content = ManifestContent.Deletes,
            SequenceNumber = 3,
            MinSequenceNumber = 2,
            AddedSnapshotId = 4,
            ExistingFilesCount = 6,
            ExistingRowsCount = 60,
            Partitions = [new FieldSummary(false, null, null, null)],
            KeyMetadata = [1, 2, 3],
        };

        var list = new ManifestListWriter(snapshotId: 9, parentSnapshotId: 4, sequenceNumber: 11);
        list.AddRange([added, old]);
        var reader = new ManifestListReader(list.ToBytes());
        Assert.Equal((9L, 4L, 11L, 2), (reader.SnapshotId!.Value, reader.ParentSnapshotId!.Value, reader.SequenceNumber!.Value, reader.FormatVersion));
        Assert.Equal(2, reader.Manifests.Count);

        var first = reader.Manifests[0];
        Assert.Equal(11, first.SequenceNumber);
        Assert.Equal(11, first.MinSequenceNumber);
        AssertSame(added with { SequenceNumber = 11, MinSequenceNumber = 11 }, first);
        AssertSame(old, reader.Manifests[1]);

        var noParent = new ManifestListReader(new ManifestListWriter(1, null, 1).ToBytes());
        Assert.Null(noParent.ParentSnapshotId);
        Assert.Empty(noParent.Manifests);
    }

    private static void AssertSame(ManifestFile expected, ManifestFile actual)
    {
        Assert.Equal(expected with { Partitions = null, KeyMetadata = null }, actual with { Partitions = null, KeyMetadata = null });
        Assert.Equal(expected.KeyMetadata, actual.KeyMetadata);
        Assert.Equal(expected.Partitions!.Count, actual.Partitions!.Count);
        for (var i = 0; i < expected.Partitions.Count; i++)
        {
            var (e, a) = (expected.Partitions[i], actual.Partitions[i]);
            Assert.Equal((e.ContainsNull, e.ContainsNan), (a.ContainsNull, a.ContainsNan));
            Assert.Equal(e.LowerBound, a.LowerBound);
            Assert.Equal(e.UpperBound, a.UpperBound);
        }
    }

    private static DataFile File(string name, StructValue partition, long rows) => new()
    {
        FilePath = $"s3://b/{name}.parquet",
        Partition = partition,
        SpecId = 2,
        RecordCount = rows,
        FileSizeInBytes = rows * 100,
    };
}
