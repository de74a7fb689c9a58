using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Cli.Tests.Server;

public sealed class RunCommandTests : IDisposable
{
    private static readonly RunReference Ref = new() { WorkflowId = "agg", RunNumber = 3 };
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Start_passes_parameters_and_prints_the_run()
    {
        var result = await _cli.RunAsync("run", "start", "agg", "-p", "day=monday", "-p", "q=a=b", "-p", "empty=", "-o", "table");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("agg/5\n", result.Out.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, string> { ["day"] = "monday", ["q"] = "a=b", ["empty"] = "" }, _cli.Client.LastParameters);
    }

    [Theory]
    [InlineData("noequals")]
    [InlineData("=value")]
    public async Task Start_with_a_malformed_parameter_is_bad_input(string parameter)
    {
        var result = await _cli.RunAsync("run", "start", "agg", "-p", parameter);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("expected key=value", result.Error, StringComparison.Ordinal);
        Assert.Empty(_cli.Client.Calls);
    }

    [Fact]
    public async Task List_turns_the_filters_into_a_run_query()
    {
        var result = await _cli.RunAsync("run", "list", "--workflow", "agg", "--status", "timed-out", "--since", "2026-12-01", "--until", "2026-12-02T10:00:00+01:00", "--limit", "7");
        Assert.Equal(0, result.ExitCode);
        var query = _cli.Client.LastQuery!;
        Assert.Equal("agg", query.WorkflowId);
        Assert.Equal(RunStatus.TimedOut, query.Status);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), query.Since);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero), query.Until);
        Assert.Equal(7, query.Limit);
    }

    [Fact]
    public async Task List_since_an_age_is_relative_to_now()
    {
        await _cli.RunAsync("run", "list", "--since", "2h");
        var since = _cli.Client.LastQuery!.Since!.Value;
        Assert.InRange(DateTimeOffset.UtcNow - since, TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData("--status", "sleeping", "--status 'sleeping'")]
    [InlineData("--since", "yesterday", "--since 'yesterday'")]
    [InlineData("--limit", "many", "many")]
    public async Task List_with_a_bad_filter_is_bad_input(string option, string value, string message)
    {
        var result = await _cli.RunAsync("run", "list", option, value);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_reads_source_ranges()
    {
        var result = await _cli.RunAsync("run", "backfill", "agg", "--source", "raw.events:10..20", "--source", "raw.clicks:..5", "-o", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"workflowId\":\"agg\",\"runNumber\":6}", result.Out.Trim());
        Assert.Equal(
            [new SnapshotRange { Table = "raw.events", FromExclusive = 10, ToInclusive = 20 }, new SnapshotRange { Table = "raw.clicks", ToInclusive = 5 }],
            _cli.Client.LastSources);
    }

    [Theory]
    [InlineData("raw.events")]
    [InlineData("raw.events:10-20")]
    [InlineData("raw.events:a..20")]
    [InlineData("raw.events:10..")]
    public async Task Backfill_with_a_bad_range_is_bad_input(string source)
    {
        var result = await _cli.RunAsync("run", "backfill", "agg", "--source", source);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"--source '{source}'", result.Error, StringComparison.Ordinal);
        Assert.Empty(_cli.Client.Calls);
    }

    [Fact]
    public async Task Get_stop_and_restart_name_the_run_as_workflow_slash_number()
    {
        Assert.Equal(0, (await _cli.RunAsync("run", "get", "agg/3", "-o", "table")).ExitCode);
        var stop = await _cli.RunAsync("run", "stop", "agg/3", "-o", "json");
        Assert.Contains("\"status\":\"stopped\"", stop.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await _cli.RunAsync("run", "restart", "agg/3")).ExitCode);
        Assert.Equal(["get run agg/3", "version agg 1", "stop agg/3", "restart agg/3"], _cli.Client.Calls);
    }

    [Theory]
    [InlineData("agg")]
    [InlineData("agg/0")]
    [InlineData("agg/x")]
    public async Task A_run_that_is_not_workflow_slash_number_is_bad_input(string run)
    {
        var result = await _cli.RunAsync("run", "get", run);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("expected WORKFLOW/RUN", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunStatus.Succeeded, ExitCodes.Ok)]
    [InlineData(RunStatus.Failed, ExitCodes.RunFailed)]
    [InlineData(RunStatus.TimedOut, ExitCodes.RunFailed)]
    [InlineData(RunStatus.Stopped, ExitCodes.RunStopped)]
    public async Task Watch_prints_one_json_event_per_line_and_exits_by_how_the_run_ended(RunStatus end, int exitCode)
    {
        _cli.Client.Events.Add(Event(1, RunEventTypes.Snapshot, RunStatus.Running));
        _cli.Client.Events.Add(Event(2, RunEventTypes.StepChanged, RunStatus.Running, "a"));
        _cli.Client.Events.Add(Event(3, RunEventTypes.RunStatusChanged, end));
        var result = await _cli.RunAsync("run", "watch", "agg/3");
        Assert.Equal(exitCode, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("{\"sequence\":", l, StringComparison.Ordinal));
        Assert.Contains("\"type\":\"step\",\"stepId\":\"a\"", lines[1], StringComparison.Ordinal);
        if (exitCode != 0)
        {
            Assert.Contains($"run agg/3 {end.ToString().ToLowerInvariant()}", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Watch_on_a_terminal_draws_the_dag_and_exits_when_the_run_ends()
    {
        _cli.Terminal = true;
        _cli.Client.Events.Add(Event(1, RunEventTypes.Snapshot, RunStatus.Running));
        _cli.Client.Events.Add(Event(2, RunEventTypes.RunStatusChanged, RunStatus.Succeeded));
        var result = await _cli.RunAsync("run", "watch", "agg/3");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("run agg/3", result.Out, StringComparison.Ordinal);
        Assert.Contains("Succeeded", result.Out, StringComparison.Ordinal);
        Assert.Contains("depends on", result.Out, StringComparison.Ordinal);
        Assert.Contains("dag", result.Out, StringComparison.Ordinal);
        Assert.Contains("b  Succeeded", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_with_watch_follows_the_run_and_exits_as_it_ended()
    {
        _cli.Client.Events.Add(Event(1, RunEventTypes.Snapshot, RunStatus.Running));
        _cli.Client.Events.Add(Event(2, RunEventTypes.RunStatusChanged, RunStatus.Failed));
        var result = await _cli.RunAsync("run", "start", "agg", "--watch");
        Assert.Equal(ExitCodes.RunFailed, result.ExitCode);
        Assert.Equal(["start agg", "watch agg/5"], _cli.Client.Calls);
        Assert.Equal(2, result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("started agg/5", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true, Cli.Server.ServerOutputFormat.Table)]
    [InlineData(null, false, Cli.Server.ServerOutputFormat.Json)]
    [InlineData("JSON", true, Cli.Server.ServerOutputFormat.Json)]
    [InlineData("table", false, Cli.Server.ServerOutputFormat.Table)]
    public void Output_defaults_to_table_on_a_terminal_and_json_when_redirected(string? option, bool terminal, Cli.Server.ServerOutputFormat expected) =>
        Assert.Equal(expected, Cli.Server.ServerOutputOption.Resolve(option, terminal));

    [Fact]
    public async Task Watch_whose_stream_ends_before_the_run_is_unavailable()
    {
        _cli.Client.Events.Add(Event(1, RunEventTypes.Snapshot, RunStatus.Running));
        var result = await _cli.RunAsync("run", "watch", "agg/3", "-o", "table");
        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Contains("ended before the run did (last seen Running)", result.Error, StringComparison.Ordinal);
    }

    private static RunEvent Event(long sequence, string type, RunStatus status, string? step = null) => new()
    {
        Sequence = sequence,
        Type = type,
        StepId = step,
        Status = status,
        Run = FakeMaestroClient.Run(Ref, status),
    };
}
