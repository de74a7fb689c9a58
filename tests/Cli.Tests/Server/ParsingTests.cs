using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Cli.Commands.Runs;
using OrleansMaestro.Cli.Commands.Workflows;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Tests.Server;

public sealed class ParsingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("90s", "2026-12-06T11:58:30+00:00")]
    [InlineData("30m", "2026-12-06T11:30:00+00:00")]
    [InlineData("7d", "2026-11-29T12:00:00+00:00")]
    [InlineData("2026-12-01T08:00:00Z", "2026-12-01T08:00:00+00:00")]
    [InlineData("2026-12-01T08:00:00", "2026-12-01T08:00:00+00:00")]
    [InlineData("2026-12-01T09:00:00+01:00", "2026-12-01T08:00:00+00:00")]
    public void Times_are_instants_or_ages_before_now(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), TimeText.Parse("--since", text, Now));

    [Theory]
    [InlineData("2w")]
    [InlineData("-5m")]
    [InlineData("soon")]
    public void A_time_that_is_neither_is_bad_input(string text)
    {
        var e = Assert.Throws<CliException>(() => TimeText.Parse("--until", text, Now));
        Assert.Equal(ExitCodes.BadInput, e.ExitCode);
        Assert.StartsWith($"--until '{text}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_given_twice_is_bad_input()
    {
        var e = Assert.Throws<CliException>(() => KeyValueOption.Parse(["a=1", "a=2"]));
        Assert.Contains("'a' is given twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_range_may_leave_out_its_start_and_may_name_a_table_with_dots()
    {
        var range = SourceRangeText.Parse("db.raw.events:..9");
        Assert.Equal("db.raw.events", range.Table);
        Assert.Null(range.FromExclusive);
        Assert.Equal(9, range.ToInclusive);
    }

    [Fact]
    public void Definition_files_are_ordered_writers_first_then_by_name_and_a_cycle_does_not_hang()
    {
        var files = new[]
        {
            File("a", reads: "t.two", writes: "t.one"),
            File("b", reads: "t.one", writes: "t.two"),
            File("c", reads: "t.three", writes: null),
            File("d", reads: null, writes: "t.three"),
        };
        Assert.Equal(["d", "c", "a", "b"], WorkflowFiles.Order(files).Select(f => f.Definition!.Id));
    }

    private static WorkflowFile File(string id, string? reads, string? writes)
    {
        var steps = new List<StepDefinition>();
        if (writes is not null)
        {
            steps.Add(new SqlStep { Id = "w", Query = "SELECT 1", Target = writes, Inputs = reads is null ? [] : [new SqlInput { Table = reads }] });
        }
        else if (reads is not null)
        {
            steps.Add(new SqlStep { Id = "w", Query = "SELECT 1", Target = "x.y", Inputs = [new SqlInput { Table = reads }] });
        }

        return new WorkflowFile(id + ".json", id + ".json", new WorkflowDefinition { Id = id, Steps = steps }, []);
    }
}
