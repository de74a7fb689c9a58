using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Spec;

public class TruncateTransformTests
{
    // The spec's examples ("Truncate Transform Details").
    [Theory]
    [InlineData(10, 1, 0)]
    [InlineData(10, -1, -10)]
    [InlineData(10, 10, 10)]
    [InlineData(10, -10, -10)]
    [InlineData(3, 7, 6)]
    public void Int_rounds_toward_negative_infinity(int width, int value, int expected)
    {
        Assert.Equal(expected, new TruncateTransform(width).Apply(PrimitiveType.Int, value));
    }

    [Fact]
    public void Long_is_like_int()
    {
        Assert.Equal(0L, new TruncateTransform(10).Apply(PrimitiveType.Long, 1L));
        Assert.Equal(-10L, new TruncateTransform(10).Apply(PrimitiveType.Long, -1L));
    }

    [Fact]
    public void Decimal_truncates_the_unscaled_value()
    {
        Assert.Equal(10.50m, new TruncateTransform(50).Apply(PrimitiveType.Decimal(9, 2), 10.65m));
        Assert.Equal(-0.50m, new TruncateTransform(50).Apply(PrimitiveType.Decimal(9, 2), -0.05m));
    }

    [Fact]
    public void String_keeps_code_points_not_utf16_units()
    {
        Assert.Equal("ice", new TruncateTransform(3).Apply(PrimitiveType.String, "iceberg"));
        Assert.Equal("ab", new TruncateTransform(3).Apply(PrimitiveType.String, "ab"));
        // U+1F9CA (ice cube) is two UTF-16 units but one code point: it must not be split.
        Assert.Equal("a\U0001F9CA", new TruncateTransform(2).Apply(PrimitiveType.String, "a\U0001F9CAb"));
        Assert.Equal("\U0001F9CA\U0001F9CA", new TruncateTransform(2).Apply(PrimitiveType.String, "\U0001F9CA\U0001F9CA\U0001F9CA"));
        Assert.Equal("éè", new TruncateTransform(2).Apply(PrimitiveType.String, "éèê"));
    }

    [Fact]
    public void Binary_keeps_first_bytes()
    {
        Assert.Equal(new byte[] { 1, 2 }, new TruncateTransform(2).Apply(PrimitiveType.Binary, new byte[] { 1, 2, 3 }));
        Assert.Equal(new byte[] { 1 }, new TruncateTransform(2).Apply(PrimitiveType.Binary, new byte[] { 1 }));
    }

    [Fact]
    public void Properties()
    {
        var t = new TruncateTransform(4);
        Assert.True(t.PreservesOrder);
        Assert.Equal(PrimitiveType.String, t.ResultType(PrimitiveType.String));
        Assert.Null(t.Apply(PrimitiveType.Int, null));
        Assert.False(t.CanTransform(PrimitiveType.Date));
        Assert.Throws<FormatException>(() => new TruncateTransform(0));
    }
}
