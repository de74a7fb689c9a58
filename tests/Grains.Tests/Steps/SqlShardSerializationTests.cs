using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansMaestro.Grains.Steps.Sql;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>The shard seam's records cross silos: they must survive Orleans serialization, and data files must survive the trip.</summary>
public class SqlShardSerializationTests
{
    private static T RoundTrip<T>(T value)
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }

    [Fact]
    public void A_shard_survives_orleans_serialization()
    {
        var shard = new SqlShard
        {
            StepId = "agg",
            Index = 1,
            Count = 3,
            Query = "SELECT 1",
            Views =
            [
                new SqlShardView
                {
                    Name = "events",
                    Table = "raw.events",
                    SchemaJson = SchemaParser.ToJson(SqlWarehouse.EventsSchema),
                    Files =
                    [
                        new SqlShardInputFile
                        {
                            Path = "s3://b/raw/events/data/1.parquet",
                            RecordCount = 10,
                            FileSizeInBytes = 999,
                            Deletes = [new SqlShardDeleteFile { Path = "s3://b/d.parquet", IsEquality = true, EqualityFieldIds = [1, 2] }],
                        },
                    ],
                },
            ],
            Target = new SqlShardTarget { Table = "mart.t", SchemaJson = "{}", PartitionSpecJson = "{}", DataLocation = "s3://b/mart/t/data", FileNamePrefix = "maestro-x", TargetRowsPerFile = 5 },
        };

        var copy = RoundTrip(shard);

        Assert.Equal((shard.StepId, shard.Index, shard.Count, shard.Query, shard.Target), (copy.StepId, copy.Index, copy.Count, copy.Query, copy.Target));
        var view = Assert.Single(copy.Views);
        Assert.Equal(shard.Views[0].SchemaJson, view.SchemaJson);
        var file = Assert.Single(view.Files);
        Assert.Equal(("s3://b/raw/events/data/1.parquet", 10L, 999L), (file.Path, file.RecordCount, file.FileSizeInBytes));
        var delete = Assert.Single(file.Deletes);
        Assert.Equal(("s3://b/d.parquet", true), (delete.Path, delete.IsEquality));
        Assert.Equal([1, 2], delete.EqualityFieldIds);
    }

    [Fact]
    public void A_shard_output_restores_the_data_file_with_partition_values_and_metrics()
    {
        var schema = new Schema(0,
        [
            NestedField.OptionalField(1, "day", PrimitiveType.Date),
            NestedField.OptionalField(2, "kind", PrimitiveType.String),
            NestedField.OptionalField(3, "n", PrimitiveType.Long),
        ]);
        var spec = new PartitionSpec(3,
        [
            new PartitionField(1, 1000, "day", IdentityTransform.Instance),
            new PartitionField(2, 1001, "kind", IdentityTransform.Instance),
        ]);
        var dataFile = new DataFile
        {
            FilePath = "s3://b/mart/t/data/day=2026-01-02/kind=null/x.parquet",
            Partition = new StructValue(new DateOnly(2026, 1, 2), null),
            SpecId = 3,
            RecordCount = 42,
            FileSizeInBytes = 4096,
            ColumnSizes = new Dictionary<int, long> { [1] = 10, [3] = 20 },
            ValueCounts = new Dictionary<int, long> { [1] = 42 },
            NullValueCounts = new Dictionary<int, long> { [2] = 42 },
            LowerBounds = new Dictionary<int, byte[]> { [3] = [1, 0, 0, 0, 0, 0, 0, 0] },
            UpperBounds = new Dictionary<int, byte[]> { [3] = [9, 0, 0, 0, 0, 0, 0, 0] },
            SplitOffsets = [4],
        };
        var output = new SqlShardOutput { Index = 2, Files = [SqlShardDataFile.FromDataFile(dataFile, spec, schema)], RecordCount = 42, InputFileCount = 7 };

        var copy = RoundTrip(output);
        var restored = Assert.Single(copy.Files).ToDataFile(spec, schema);

        Assert.Equal((2, 42L, 7), (copy.Index, copy.RecordCount, copy.InputFileCount));
        Assert.Equal(dataFile.FilePath, restored.FilePath);
        Assert.Equal(dataFile.Partition, restored.Partition);
        Assert.Equal((3, 42L, 4096L), (restored.SpecId, restored.RecordCount, restored.FileSizeInBytes));
        Assert.Equal(dataFile.ColumnSizes, restored.ColumnSizes);
        Assert.Equal(dataFile.ValueCounts, restored.ValueCounts);
        Assert.Equal(dataFile.NullValueCounts, restored.NullValueCounts);
        Assert.Equal(dataFile.LowerBounds[3], restored.LowerBounds![3]);
        Assert.Equal(dataFile.UpperBounds[3], restored.UpperBounds![3]);
        Assert.Equal([4L], restored.SplitOffsets!);
    }
}
