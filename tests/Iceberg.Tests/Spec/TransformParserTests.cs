using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Spec;

public class TransformParserTests
{
    [Theory]
    [InlineData("identity")]
    [InlineData("void")]
    [InlineData("bucket[16]")]
    [InlineData("truncate[4]")]
    [InlineData("year")]
    [InlineData("month")]
    [InlineData("day")]
    [InlineData("hour")]
    [InlineData("zorder")]
    public void Names_round_trip(string name)
    {
        Assert.Equal(name, Transform.Parse(name).ToString());
    }

    [Fact]
    public void Parses_to_the_right_records()
    {
        Assert.Equal(new BucketTransform(16), Transform.Parse("bucket[16]"));
        Assert.Equal(new TruncateTransform(4), Transform.Parse(" truncate[4] "));
        Assert.Same(DayTransform.Instance, Transform.Parse("day"));
        Assert.NotEqual<Transform>(new BucketTransform(16), new BucketTransform(8));
        var unknown = Assert.IsType<UnknownTransform>(Transform.Parse("geohash[5]"));
        Assert.False(unknown.CanTransform(PrimitiveType.String));
        Assert.Throws<NotSupportedException>(() => unknown.Apply(PrimitiveType.String, "x"));
    }

    [Theory]
    [InlineData("bucket[x]")]
    [InlineData("bucket[0]")]
    [InlineData("bucket[-1]")]
    [InlineData("bucket[16")]
    [InlineData("bucket")]
    [InlineData("truncate[]")]
    [InlineData("truncate[99999999999]")]
    [InlineData("")]
    public void Malformed_names_throw_naming_the_transform(string name)
    {
        var ex = Assert.Throws<FormatException>(() => Transform.Parse(name));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }
}
