using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Input;

namespace OrleansMaestro.Cli.Tests.Input;

public class CsvRowReaderTests
{
    private static Task<IReadOnlyList<object?[]>> Read(string csv) =>
        CsvRowReader.ReadAsync(new StringReader(csv), "data.csv", TestSchemas.Events(), CancellationToken.None);

    [Fact]
    public async Task Reads_rows_by_header_name_in_any_column_order_with_empty_as_null()
    {
        var rows = await Read("name,id,price\n\"a, quoted\",1,1.50\n,2,\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object?[] { 1L, "a, quoted", null, 1.50m, null, null, null }, rows[0]);
        Assert.Equal(new object?[] { 2L, null, null, null, null, null, null }, rows[1]);
    }

    [Fact]
    public async Task A_bad_value_names_file_line_column_and_value()
    {
        var e = await Assert.ThrowsAsync<RowParseException>(() => Read("id,count\n1,2\n2,x7\n"));
        Assert.Equal(3, e.Line);
        Assert.Equal("count", e.Column);
        Assert.Equal("x7", e.Value);
        Assert.StartsWith("data.csv line 3, column 'count', value 'x7': not a valid int", e.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, e.ExitCode);
    }

    [Fact]
    public async Task Line_numbers_count_physical_lines_of_multi_line_fields()
    {
        var e = await Assert.ThrowsAsync<RowParseException>(() => Read("id,name\n1,\"two\nlines\"\nbad,x\n"));
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public async Task Unknown_column_is_reported_on_the_header_line()
    {
        var e = await Assert.ThrowsAsync<RowParseException>(() => Read("id,colour\n1,red\n"));
        Assert.Equal(1, e.Line);
        Assert.Equal("colour", e.Column);
        Assert.Contains("unknown column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_column_or_value_is_an_error()
    {
        var header = await Assert.ThrowsAsync<RowParseException>(() => Read("name\na\n"));
        Assert.Equal("id", header.Column);
        var value = await Assert.ThrowsAsync<RowParseException>(() => Read("id,name\n1,a\n,b\n"));
        Assert.Equal(3, value.Line);
        Assert.Equal("id", value.Column);
    }

    [Fact]
    public async Task Wrong_field_count_and_empty_file_are_errors()
    {
        var count = await Assert.ThrowsAsync<RowParseException>(() => Read("id,name\n1,a,extra\n"));
        Assert.Equal(2, count.Line);
        await Assert.ThrowsAsync<RowParseException>(() => Read(string.Empty));
    }
}
