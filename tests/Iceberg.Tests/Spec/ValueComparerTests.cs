using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Spec;

public class ValueComparerTests
{
    [Fact]
    public void Strings_compare_by_code_point_like_utf8_bytes()
    {
        // U+FF61 is one UTF-16 unit above the surrogates; U+1F600 is a surrogate pair. In UTF-8 (and code
        // point) order U+FF61 < U+1F600, while .NET's ordinal (UTF-16) order says the opposite.
        var bmp = "\uFF61";
        var astral = "\U0001F600";
        Assert.True(string.CompareOrdinal(bmp, astral) > 0);
        Assert.True(ValueComparer.Compare(PrimitiveType.String, bmp, astral) < 0);
        Assert.True(ValueComparer.Compare(PrimitiveType.String, "a", "b") < 0);
        Assert.True(ValueComparer.Compare(PrimitiveType.String, "B", "a") < 0);
        Assert.True(ValueComparer.Compare(PrimitiveType.String, "ab", "abc") < 0);
        Assert.Equal(0, ValueComparer.Compare(PrimitiveType.String, "é", "é"));
    }

    [Fact]
    public void Binary_is_unsigned_lexicographic()
    {
        Assert.True(ValueComparer.Compare(PrimitiveType.Binary, new byte[] { 0x7F }, new byte[] { 0x80 }) < 0);
        Assert.True(ValueComparer.Compare(PrimitiveType.Binary, new byte[] { 1 }, new byte[] { 1, 0 }) < 0);
        Assert.True(ValueComparer.Compare(PrimitiveType.Fixed(1), new byte[] { 0xFF }, new byte[] { 0x00 }) > 0);
    }

    [Fact]
    public void Uuids_compare_as_unsigned_big_endian_bytes()
    {
        var low = Guid.Parse("7fffffff-ffff-ffff-ffff-ffffffffffff");
        var high = Guid.Parse("80000000-0000-0000-0000-000000000000");
        Assert.True(ValueComparer.Compare(PrimitiveType.Uuid, low, high) < 0);
        Assert.True(ValueComparer.Compare(PrimitiveType.Uuid, Guid.Parse("00000000-0000-0000-0000-000000000100"), Guid.Parse("00000000-0000-0000-0000-000000000001")) > 0);
    }

    [Fact]
    public void Floats_put_nan_last_and_negative_zero_first()
    {
        var values = new object[] { double.NaN, 1.0, double.PositiveInfinity, 0.0, -0.0, double.NegativeInfinity, -1.0 };
        var sorted = values.Order(ValueComparer.For(PrimitiveType.Double)).Cast<double>().ToArray();
        Assert.Equal(double.NegativeInfinity, sorted[0]);
        Assert.Equal(-1.0, sorted[1]);
        Assert.True(double.IsNegative(sorted[2]) && sorted[2] == 0);
        Assert.True(!double.IsNegative(sorted[3]) && sorted[3] == 0);
        Assert.Equal(1.0, sorted[4]);
        Assert.Equal(double.PositiveInfinity, sorted[5]);
        Assert.True(double.IsNaN(sorted[6]));
        Assert.Equal(0, ValueComparer.Compare(PrimitiveType.Float, float.NaN, -float.NaN));
    }

    [Fact]
    public void Numbers_dates_and_times()
    {
        Assert.True(ValueComparer.Compare(PrimitiveType.Long, 5, 6L) < 0); // 4-byte bounds of a promoted column
        Assert.True(ValueComparer.Compare(PrimitiveType.Int, -5, 3) < 0);
        Assert.True(ValueComparer.Compare(PrimitiveType.Decimal(9, 2), 1.10m, 1.2m) < 0);
        Assert.True(ValueComparer.Compare(PrimitiveType.Date, new DateOnly(1969, 1, 1), new DateOnly(1970, 1, 1)) < 0);
        Assert.True(ValueComparer.Compare(PrimitiveType.Time, new TimeOnly(1, 0), new TimeOnly(0, 59)) > 0);
        Assert.Equal(0, ValueComparer.Compare(PrimitiveType.TimestampTz,
            new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(ValueComparer.Compare(PrimitiveType.Boolean, false, true) < 0);
    }
}
