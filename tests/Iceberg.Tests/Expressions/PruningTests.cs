using OrleansMaestro.Iceberg.Expressions;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Expressions;

public class PruningTests
{
    private static readonly Schema Schema = TestSchemas.Events;

    // id in [10, 20], category all null, ts in January 2024; 10 rows.
    private static readonly DataFile File = new()
    {
        FilePath = "s3://b/data/f1.parquet",
        RecordCount = 10,
        FileSizeInBytes = 100,
        ValueCounts = new Dictionary<int, long> { [1] = 10, [2] = 10, [3] = 10 },
        NullValueCounts = new Dictionary<int, long> { [1] = 0, [2] = 10, [3] = 2 },
        LowerBounds = new Dictionary<int, byte[]>
        {
            [1] = Conversions.ToBytes(PrimitiveType.Long, 10L),
            [3] = Conversions.ToBytes(PrimitiveType.Timestamp, new DateTime(2024, 1, 1)),
        },
        UpperBounds = new Dictionary<int, byte[]>
        {
            [1] = Conversions.ToBytes(PrimitiveType.Long, 20L),
            [3] = Conversions.ToBytes(PrimitiveType.Timestamp, new DateTime(2024, 1, 31)),
        },
    };

    [Theory]
    [InlineData("id = 15", true)]
    [InlineData("id = 9", false)]
    [InlineData("id = 21", false)]
    [InlineData("id < 10", false)]
    [InlineData("id <= 10", true)]
    [InlineData("id > 20", false)]
    [InlineData("id >= 20", true)]
    [InlineData("id in (1, 2, 30)", false)]
    [InlineData("id in (1, 15)", true)]
    [InlineData("id != 15", true)]
    [InlineData("not (id >= 10)", false)]
    [InlineData("id is null", false)]
    [InlineData("id is not null", true)]
    [InlineData("category is not null", false)]
    [InlineData("category = 'a'", false)]
    [InlineData("category != 'a'", false)]
    [InlineData("category is null", true)]
    [InlineData("ts >= '2024-02-01'", false)]
    [InlineData("ts < '2024-01-15'", true)]
    [InlineData("id < 5 or ts > '2024-01-30'", true)]
    [InlineData("id > 15 and ts > '2024-02-01'", false)]
    [InlineData("score > 1", true)] // no metrics: may match
    public void Metrics_pruning(string filter, bool mayMatch)
    {
        Assert.Equal(mayMatch, new MetricsEvaluator(Schema, Expression.Parse(filter)).MayMatch(File));
    }

    [Fact]
    public void Empty_files_never_match()
    {
        Assert.False(new MetricsEvaluator(Schema, Expression.True).MayMatch(File with { RecordCount = 0 }));
    }

    private static readonly PartitionSpec Spec = new(1,
    [
        new PartitionField(3, 1000, "ts_day", DayTransform.Instance),
        new PartitionField(1, 1001, "id_bucket", new BucketTransform(16)),
        new PartitionField(2, 1002, "category", IdentityTransform.Instance),
        new PartitionField(2, 1003, "category_trunc", new TruncateTransform(2)),
    ]);

    [Fact]
    public void Projection_per_transform()
    {
        Assert.Equal("ts_day <= '2024-01-15'", InclusiveProjection.Project(Schema, Spec, Expression.Parse("ts < '2024-01-15T10:00:00'")).ToString());
        Assert.Equal("ts_day <= '2024-01-14'", InclusiveProjection.Project(Schema, Spec, Expression.Parse("ts < '2024-01-15T00:00:00'")).ToString());
        Assert.Equal("ts_day <= '2024-01-15'", InclusiveProjection.Project(Schema, Spec, Expression.Parse("ts <= '2024-01-15T00:00:00'")).ToString());
        Assert.Equal("ts_day >= '2024-01-15'", InclusiveProjection.Project(Schema, Spec, Expression.Parse("ts > '2024-01-15T10:00:00'")).ToString());
        var bucket = new BucketTransform(16).Apply(PrimitiveType.Long, 42L);
        Assert.Equal($"id_bucket = {bucket}", InclusiveProjection.Project(Schema, Spec, Expression.Parse("id = 42")).ToString());
        Assert.Equal(Expression.True, InclusiveProjection.Project(Schema, Spec, Expression.Parse("id > 42")));
        Assert.Equal(Expression.True, InclusiveProjection.Project(Schema, Spec, Expression.Parse("ts != '2024-01-15'")));
        Assert.Equal("(category = 'abc' and category_trunc = 'ab')", InclusiveProjection.Project(Schema, Spec, Expression.Parse("category = 'abc'")).ToString());
        Assert.Equal("(category is null and category_trunc is null)", InclusiveProjection.Project(Schema, Spec, Expression.Parse("category is null")).ToString());
        Assert.Equal(Expression.True, InclusiveProjection.Project(Schema, Spec, Expression.Parse("price > 3")));
    }

    [Fact]
    public void Projection_before_the_epoch_floors()
    {
        var projected = InclusiveProjection.Project(Schema, Spec, Expression.LessThanOrEqual("ts", Conversions.TimestampFromEpochMicros(-1)));
        Assert.Equal(new DateOnly(1969, 12, 31), Assert.IsType<BoundPredicate>(projected).Literal);
    }

    [Theory]
    [InlineData("ts >= '2024-01-15T10:00:00' and ts < '2024-01-16'", true)]
    [InlineData("ts < '2024-01-15T00:00:00'", false)]
    [InlineData("ts <= '2024-01-15T00:00:00'", true)]
    [InlineData("ts > '2024-01-15T23:59:59'", true)]
    [InlineData("ts > '2024-01-15T23:59:59.999999'", false)]
    [InlineData("category = 'abx'", false)]
    [InlineData("category = 'abc'", true)]
    [InlineData("category > 'b'", false)]
    [InlineData("category is null", false)]
    [InlineData("not (ts < '2024-01-16')", false)]
    [InlineData("id != 1", true)]
    public void Partition_tuple_pruning(string filter, bool mayMatch)
    {
        var bucket = new BucketTransform(16).Apply(PrimitiveType.Long, 7L);
        var partition = new StructValue(new DateOnly(2024, 1, 15), bucket, "abc", "ab");
        Assert.Equal(mayMatch, new PartitionEvaluator(Schema, Spec, Expression.Parse(filter)).MayMatch(partition));
    }

    [Fact]
    public void Bucket_pruning_uses_equality_only()
    {
        var partition = new StructValue(new DateOnly(2024, 1, 15), new BucketTransform(16).Apply(PrimitiveType.Long, 7L), "abc", "ab");
        var evaluator = (string f) => new PartitionEvaluator(Schema, Spec, Expression.Parse(f)).MayMatch(partition);
        Assert.True(evaluator("id = 7"));
        Assert.True(evaluator("id in (7, 8)"));
        var other = Enumerable.Range(0, 100).Select(i => (long)i).First(i => !Equals(new BucketTransform(16).Apply(PrimitiveType.Long, i), new BucketTransform(16).Apply(PrimitiveType.Long, 7L)));
        Assert.False(evaluator($"id = {other}"));
    }

    [Fact]
    public void Partition_evaluator_checks_the_spec_id()
    {
        var file = File with { SpecId = 0, Partition = new StructValue(null, null, null, null) };
        Assert.Throws<ArgumentException>(() => new PartitionEvaluator(Schema, Spec, Expression.True).MayMatch(file));
        Assert.True(new PartitionEvaluator(Schema, Spec, Expression.Parse("category is null")).MayMatch(file with { SpecId = 1 }));
    }

    private static ManifestFile Manifest(params FieldSummary[] summaries) => new()
    {
        ManifestPath = "s3://b/metadata/m1.avro",
        ManifestLength = 1,
        AddedSnapshotId = 1,
        PartitionSpecId = 1,
        Partitions = summaries,
    };

    private static FieldSummary Summary(PrimitiveType type, object? lower, object? upper, bool containsNull = false) =>
        new(containsNull, null, lower is null ? null : Conversions.ToBytes(type, lower), upper is null ? null : Conversions.ToBytes(type, upper));

    [Theory]
    [InlineData("ts >= '2024-02-01'", false)]
    [InlineData("ts >= '2024-01-31T23:00:00'", true)]
    [InlineData("ts < '2024-01-01'", false)]
    [InlineData("day = '2024-01-05'", true)] // 'day' column is not partitioned
    [InlineData("category is null", true)]
    [InlineData("category = 'zzz'", false)]
    [InlineData("category >= 'm'", true)]
    [InlineData("id = 1 or category < 'a'", true)]
    [InlineData("category_missing is null", null)]
    public void Manifest_pruning(string filter, bool? mayMatch)
    {
        var manifest = Manifest(
            Summary(PrimitiveType.Date, new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31)),
            Summary(PrimitiveType.Int, 0, 15),
            Summary(PrimitiveType.String, "apple", "melon", containsNull: true),
            Summary(PrimitiveType.String, "ap", "me", containsNull: true));
        if (mayMatch is null)
        {
            Assert.Throws<ExpressionBindingException>(() => new ManifestEvaluator(Schema, Spec, Expression.Parse(filter)));
            return;
        }

        Assert.Equal(mayMatch, new ManifestEvaluator(Schema, Spec, Expression.Parse(filter)).MayMatch(manifest));
    }

    [Fact]
    public void Manifest_all_null_and_missing_summaries()
    {
        var allNullCategory = Manifest(
            Summary(PrimitiveType.Date, new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31)),
            Summary(PrimitiveType.Int, 0, 15),
            Summary(PrimitiveType.String, null, null, containsNull: true),
            Summary(PrimitiveType.String, null, null, containsNull: true));
        Assert.False(new ManifestEvaluator(Schema, Spec, Expression.Parse("category is not null")).MayMatch(allNullCategory));
        Assert.False(new ManifestEvaluator(Schema, Spec, Expression.Parse("category != 'a'")).MayMatch(allNullCategory));
        Assert.True(new ManifestEvaluator(Schema, Spec, Expression.Parse("category is null")).MayMatch(allNullCategory));
        Assert.True(new ManifestEvaluator(Schema, Spec, Expression.Parse("category = 'a'")).MayMatch(allNullCategory with { Partitions = null }));
    }
}
