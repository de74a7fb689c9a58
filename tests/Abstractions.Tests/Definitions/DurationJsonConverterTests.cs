using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Tests.Definitions;

public class DurationJsonConverterTests
{
    public static TheoryData<string, TimeSpan> Valid => new()
    {
        { "00:05:00", TimeSpan.FromMinutes(5) },
        { "1:00:00", TimeSpan.FromHours(1) },
        { "00:01", TimeSpan.FromMinutes(1) },
        { "1.02:03:04", new TimeSpan(1, 2, 3, 4) },
        { "00:00:00.25", TimeSpan.FromMilliseconds(250) },
        { "00:00:00.2500000", TimeSpan.FromMilliseconds(250) },
        { "250ms", TimeSpan.FromMilliseconds(250) },
        { "30s", TimeSpan.FromSeconds(30) },
        { "5m", TimeSpan.FromMinutes(5) },
        { "1h", TimeSpan.FromHours(1) },
        { "2d", TimeSpan.FromDays(2) },
        { "1h30m", TimeSpan.FromMinutes(90) },
        { "1m30s500ms", new TimeSpan(0, 0, 1, 30, 500) },
        { "1.5h", TimeSpan.FromMinutes(90) },
        { "0s", TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Reads_the_c_format_and_units(string text, TimeSpan expected)
    {
        Assert.True(DurationJsonConverter.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("5x")]
    [InlineData("s")]
    [InlineData("5 m")]
    [InlineData(" 5m")]
    [InlineData("5M")]
    [InlineData("-5s")]
    [InlineData("1,5h")]
    [InlineData("00:60:00")]
    [InlineData("99999999999d")]
    [InlineData("PT5M")]
    public void Refuses_anything_else(string text) => Assert.False(DurationJsonConverter.TryParse(text, out _));

    [Fact]
    public void Negative_c_format_is_read_so_the_validator_can_name_it()
    {
        Assert.True(DurationJsonConverter.TryParse("-00:00:05", out var value));
        Assert.Equal(TimeSpan.FromSeconds(-5), value);
    }
}
