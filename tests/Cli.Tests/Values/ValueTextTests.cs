using System.Text.Json;
using OrleansMaestro.Cli.Values;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Tests.Values;

public class ValueTextTests
{
    public static TheoryData<string, string, object> Parsed => new()
    {
        { "boolean", "true", true },
        { "int", "-42", -42 },
        { "long", "9000000000", 9_000_000_000L },
        { "float", "1.5", 1.5f },
        { "double", "-2.25e3", -2250d },
        { "decimal(9,2)", "12.30", 12.30m },
        { "date", "2024-02-29", new DateOnly(2024, 2, 29) },
        { "time", "13:45:01.123456", new TimeOnly(13, 45, 1).Add(TimeSpan.FromTicks(1_234_560)) },
        { "timestamp", "2024-01-02T03:04:05.5", new DateTime(2024, 1, 2, 3, 4, 5, 500, DateTimeKind.Unspecified) },
        { "timestamp", "2024-01-02 03:04:05", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified) },
        { "timestamptz", "2024-01-02T03:04:05+02:00", new DateTimeOffset(2024, 1, 2, 1, 4, 5, TimeSpan.Zero) },
        { "timestamptz", "2024-01-02T03:04:05Z", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero) },
        { "string", " padded ", " padded " },
        { "uuid", "f79c3e09-677c-4bbd-a479-3f349cb785e7", Guid.Parse("f79c3e09-677c-4bbd-a479-3f349cb785e7") },
    };

    [Theory]
    [MemberData(nameof(Parsed))]
    public void Parses_the_text_form_into_the_types_dotnet_representation(string type, string text, object expected)
    {
        var value = ValueText.Parse(text, PrimitiveType.Parse(type));
        Assert.Equal(expected, value);
        Assert.Equal(expected.GetType(), value.GetType());
    }

    [Fact]
    public void Binary_and_fixed_are_hexadecimal()
    {
        Assert.Equal(new byte[] { 0x0A, 0x1B }, ValueText.Parse("0a1b", PrimitiveType.Binary));
        Assert.Equal("0A1B", ValueText.Format(new byte[] { 0x0A, 0x1B }, PrimitiveType.Binary));
        var e = Assert.Throws<FormatException>(() => ValueText.Parse("0A1B", PrimitiveType.Fixed(3)));
        Assert.Contains("3 bytes", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int", "abc")]
    [InlineData("int", "3000000000")]
    [InlineData("long", "1.5")]
    [InlineData("boolean", "yes")]
    [InlineData("date", "2024-13-01")]
    [InlineData("timestamp", "2024-01-02T03:04:05Z")]
    [InlineData("timestamptz", "2024-01-02T03:04:05")]
    [InlineData("decimal(4,2)", "1.234")]
    [InlineData("decimal(4,2)", "123.4")]
    [InlineData("uuid", "not-a-uuid")]
    [InlineData("binary", "xyz")]
    public void Rejects_text_that_does_not_fit_the_type(string type, string text)
    {
        var e = Assert.Throws<FormatException>(() => ValueText.Parse(text, PrimitiveType.Parse(type)));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Theory]
    [InlineData("int", "-42")]
    [InlineData("long", "9000000000")]
    [InlineData("double", "0.1")]
    [InlineData("float", "NaN")]
    [InlineData("decimal(9,2)", "12.30")]
    [InlineData("date", "2024-02-29")]
    [InlineData("time", "13:45:01.123456")]
    [InlineData("timestamp", "2024-01-02T03:04:05.500000")]
    [InlineData("timestamptz", "2024-01-02T03:04:05.000000+00:00")]
    [InlineData("uuid", "f79c3e09-677c-4bbd-a479-3f349cb785e7")]
    [InlineData("binary", "0A1B")]
    public void Format_is_the_canonical_text_that_parses_back(string type, string text)
    {
        var t = PrimitiveType.Parse(type);
        Assert.Equal(text, ValueText.Format(ValueText.Parse(text, t), t));
    }

    [Fact]
    public void Json_numbers_strings_and_null_are_accepted()
    {
        using var doc = JsonDocument.Parse("""{"a": 5, "b": "5", "c": null, "d": 1.25, "e": true}""");
        var root = doc.RootElement;
        Assert.Equal(5L, ValueText.FromJson(root.GetProperty("a"), PrimitiveType.Long));
        Assert.Equal(5, ValueText.FromJson(root.GetProperty("b"), PrimitiveType.Int));
        Assert.Null(ValueText.FromJson(root.GetProperty("c"), PrimitiveType.Int));
        Assert.Equal(1.25m, ValueText.FromJson(root.GetProperty("d"), PrimitiveType.Decimal(5, 2)));
        Assert.Equal(true, ValueText.FromJson(root.GetProperty("e"), PrimitiveType.Boolean));
        Assert.Throws<FormatException>(() => ValueText.FromJson(root.GetProperty("e"), PrimitiveType.Int));
        Assert.Throws<FormatException>(() => ValueText.FromJson(root.GetProperty("d"), PrimitiveType.Int));
    }

    [Fact]
    public void Nested_values_round_trip_through_json()
    {
        var type = new ListType(10, new StructType([NestedField.RequiredField(11, "x", PrimitiveType.Int)]), true);
        using var doc = JsonDocument.Parse("""[{"x": 1}, {"x": 2}]""");
        var value = ValueText.FromJson(doc.RootElement, type);
        Assert.Equal("[{\"x\":1},{\"x\":2}]", ValueText.Format(value, type));
    }
}
