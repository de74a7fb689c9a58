using OrleansMaestro.Cli.Output;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Tests.Output;

public class ResultPrinterTests
{
    private static readonly OutputColumn[] Columns =
    [
        new("id", PrimitiveType.Long),
        new("name", PrimitiveType.String),
        new("price", PrimitiveType.Decimal(9, 2)),
        new("ts", PrimitiveType.TimestampTz),
    ];

    private static readonly object?[][] Rows =
    [
        [1L, "a, \"quoted\"", 1.5m, new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)],
        [2L, null, null, null],
    ];

    private static async Task<string> Print(OutputFormat format)
    {
        var writer = new StringWriter { NewLine = "\n" };
        await new ResultPrinter(writer, format).PrintAsync(Columns, Rows, CancellationToken.None);
        return writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_has_a_header_and_quotes_where_needed()
    {
        Assert.Equal(
            "id,name,price,ts\n1,\"a, \"\"quoted\"\"\",1.50,2024-01-02T03:04:05.000000+00:00\n2,,,\n",
            await Print(OutputFormat.Csv));
    }

    [Fact]
    public async Task Jsonl_writes_numbers_natively_and_nulls_as_null()
    {
        Assert.Equal(
            "{\"id\":1,\"name\":\"a, \\\"quoted\\\"\",\"price\":1.50,\"ts\":\"2024-01-02T03:04:05.000000+00:00\"}\n" +
            "{\"id\":2,\"name\":null,\"price\":null,\"ts\":null}\n",
            await Print(OutputFormat.Jsonl));
    }

    [Fact]
    public async Task Table_shows_headers_and_values()
    {
        var text = await Print(OutputFormat.Table);
        Assert.Contains("name", text, StringComparison.Ordinal);
        Assert.Contains("a, \"quoted\"", text, StringComparison.Ordinal);
        Assert.Contains("null", text, StringComparison.Ordinal);
    }
}
