using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Input;

namespace OrleansMaestro.Cli.Tests.Input;

public class JsonlRowReaderTests
{
    private static Task<IReadOnlyList<object?[]>> Read(string jsonl) =>
        JsonlRowReader.ReadAsync(new StringReader(jsonl), "data.jsonl", TestSchemas.Events(), CancellationToken.None);

    [Fact]
    public async Task Reads_one_object_per_line_skipping_blank_lines()
    {
        var rows = await Read("{\"id\": 1, \"name\": \"\", \"ts\": \"2024-01-02T03:04:05Z\"}\n\n{\"id\": \"2\", \"day\": \"2024-05-06\", \"name\": null}\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(1L, rows[0][0]);
        Assert.Equal(string.Empty, rows[0][1]);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), rows[0][2]);
        Assert.Equal(new DateOnly(2024, 5, 6), rows[1][5]);
        Assert.Null(rows[1][1]);
    }

    [Fact]
    public async Task Errors_name_the_line_column_and_value()
    {
        var bad = await Assert.ThrowsAsync<RowParseException>(() => Read("{\"id\": 1}\n{\"id\": 2, \"count\": \"many\"}\n"));
        Assert.Equal(2, bad.Line);
        Assert.Equal("count", bad.Column);
        Assert.Equal("many", bad.Value);

        var unknown = await Assert.ThrowsAsync<RowParseException>(() => Read("{\"id\": 1, \"nope\": 1}\n"));
        Assert.Equal("nope", unknown.Column);

        var missing = await Assert.ThrowsAsync<RowParseException>(() => Read("{\"name\": \"x\"}\n"));
        Assert.Equal("id", missing.Column);

        var notJson = await Assert.ThrowsAsync<RowParseException>(() => Read("{\"id\": 1}\n{oops\n"));
        Assert.Equal(2, notJson.Line);
    }
}
