using OrleansMaestro.Cli.Partitioning;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Tests.Partitioning;

public class PartitionSpecTextTests
{
    [Fact]
    public void Parses_transforms_with_java_style_names_and_ids_from_1000()
    {
        var spec = PartitionSpecText.Parse("day(ts), bucket(16, id), identity(category), truncate(4,name)", TestSchemas.Events());
        Assert.Collection(spec.Fields,
            f => Assert.Equal(new PartitionField(3, 1000, "ts_day", DayTransform.Instance), f),
            f => Assert.Equal(new PartitionField(1, 1001, "id_bucket", new BucketTransform(16)), f),
            f => Assert.Equal(new PartitionField(5, 1002, "category", IdentityTransform.Instance), f),
            f => Assert.Equal(new PartitionField(2, 1003, "name_trunc", new TruncateTransform(4)), f));
    }

    [Fact]
    public void A_bare_column_is_identity_and_empty_is_unpartitioned()
    {
        var spec = PartitionSpecText.Parse("category", TestSchemas.Events());
        Assert.Equal(new PartitionField(5, 1000, "category", IdentityTransform.Instance), Assert.Single(spec.Fields));
        Assert.True(PartitionSpecText.Parse(null, TestSchemas.Events()).IsUnpartitioned);
    }

    [Theory]
    [InlineData("nope", "not in the schema")]
    [InlineData("day(name)", "cannot partition")]
    [InlineData("bucket(id)", "bucket takes")]
    [InlineData("bucket(0, id)", "positive")]
    [InlineData("squash(id)", "unknown transform")]
    [InlineData("category,category", "twice")]
    [InlineData("day(ts),", "empty term")]
    public void Bad_specs_say_what_is_wrong(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PartitionSpecText.Parse(text, TestSchemas.Events()));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
