using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Client.Tests.EndToEnd;

/// <summary>Runs through <see cref="IMaestroClient"/> against a real silo, over both transports.</summary>
[Collection(EmbeddedSiloCollection.Name)]
public sealed class RunOperationsTests(EmbeddedSilo silo)
{
    [Theory]
    [InlineData("http")]
    [InlineData("orleans")]
    public async Task A_manual_run_is_started_watched_to_its_end_read_and_listed(string transport)
    {
        var client = silo.Client(transport);
        var id = $"{transport}-manual";
        await client.ApplyWorkflowAsync(new WorkflowBuilder(id)
            .OnManual()
            .Parameter("day")
            .Sleep("wait", TimeSpan.FromMilliseconds(300))
            .Noop("done", dependsOn: ["wait"])
            .Build());

        var missing = await Assert.ThrowsAsync<MaestroValidationException>(() => client.StartRunAsync(id));
        Assert.Contains("parameters.day", missing.Errors.Keys);

        var run = await client.StartRunAsync(id, new Dictionary<string, string> { ["day"] = "2026-12-06" });
        Assert.Equal(id, run.WorkflowId);

        var events = await client.UntilEndAsync(run);
        Assert.Equal(RunEventTypes.Snapshot, events[0].Type);
        Assert.Equal(RunEventTypes.RunStatusChanged, events[^1].Type);
        Assert.Equal(RunStatus.Succeeded, events[^1].Status);
        Assert.Contains(events, e => e.Type == RunEventTypes.StepChanged && e.StepId == "done" && e.Status == RunStatus.Succeeded);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));

        var info = await client.GetRunAsync(run);
        Assert.Equal(RunStatus.Succeeded, info.Status);
        Assert.Equal("2026-12-06", info.Parameters["day"]);
        Assert.All(info.Steps, s => Assert.Equal(RunStatus.Succeeded, s.Status));

        var listed = await client.ListRunsAsync(new RunQuery { WorkflowId = id, Status = RunStatus.Succeeded, Limit = 10 });
        Assert.Contains(listed, r => r.RunNumber == run.RunNumber);
        Assert.Contains(await client.ListRunsAsync(), r => r.WorkflowId == id && r.RunNumber == run.RunNumber);

        // A finished run is returned as it is by a stop; a succeeded one may not be restarted (409).
        Assert.Equal(RunStatus.Succeeded, (await client.StopRunAsync(run)).Status);
        var conflict = await Assert.ThrowsAsync<MaestroConflictException>(() => client.RestartRunAsync(run));
        Assert.Equal(409, conflict.Status);

        // A watch of a finished run is its snapshot alone.
        var again = await client.UntilEndAsync(run);
        Assert.Equal(RunEventTypes.Snapshot, Assert.Single(again).Type);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("orleans")]
    public async Task A_running_run_is_stopped_and_restarted(string transport)
    {
        var client = silo.Client(transport);
        var id = $"{transport}-long";
        await client.ApplyWorkflowAsync(new WorkflowBuilder(id).OnManual().Sleep("long", TimeSpan.FromMinutes(5)).Build());
        var run = await client.StartRunAsync(id);
        await client.UntilAsync(run, r => r.Steps.Any(s => s.Status == RunStatus.Running));

        var stopped = await client.StopRunAsync(run);
        Assert.Equal(RunStatus.Stopped, stopped.Status);

        var restarted = await client.RestartRunAsync(run);
        Assert.False(restarted.Status.IsFinal(), $"restarted run is {restarted.Status}");
        Assert.Equal(1, restarted.Restarts);
        await client.UntilAsync(run, r => r.Status == RunStatus.Running);
        Assert.Equal(RunStatus.Stopped, (await client.StopRunAsync(run)).Status);
    }

    [Fact]
    public async Task An_open_watch_outlives_the_http_timeout()
    {
        var id = "http-slow-watch";
        await silo.Http.ApplyWorkflowAsync(new WorkflowBuilder(id).OnManual().Sleep("slow", TimeSpan.FromSeconds(4)).Build());
        using var http = new HttpClient { BaseAddress = silo.Silo.HttpAddress, Timeout = TimeSpan.FromSeconds(2) };
        http.DefaultRequestHeaders.Add(ApiRoutes.ApiKeyHeader, EmbeddedSilo.ReadWriteKey);
        var client = new Http.HttpMaestroClient(http);

        var run = await client.StartRunAsync(id);
        var events = await client.UntilEndAsync(run);
        Assert.Equal(RunStatus.Succeeded, events[^1].Status);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("orleans")]
    public async Task Wrong_run_requests_name_what_is_wrong(string transport)
    {
        var client = silo.Client(transport);
        var id = $"{transport}-wrong-runs";
        await client.ApplyWorkflowAsync(new WorkflowBuilder(id).OnManual().Noop("a").Build());
        var none = new RunReference { WorkflowId = id, RunNumber = 999 };
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.GetRunAsync(none));
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.StopRunAsync(none));
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.RestartRunAsync(none));
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => client.UntilEndAsync(none));

        var limit = await Assert.ThrowsAsync<MaestroValidationException>(() => client.ListRunsAsync(new RunQuery { Limit = 0 }));
        Assert.Contains("limit", limit.Errors.Keys);
        var until = await Assert.ThrowsAsync<MaestroValidationException>(() => client.ListRunsAsync(new RunQuery
        {
            Since = DateTimeOffset.UtcNow,
            Until = DateTimeOffset.UtcNow.AddHours(-1),
        }));
        Assert.Contains("until", until.Errors.Keys);

        var unknown = await Assert.ThrowsAsync<MaestroValidationException>(() =>
            client.StartRunAsync(id, new Dictionary<string, string> { ["nope"] = "x" }));
        Assert.Contains("parameters.nope", unknown.Errors.Keys);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("orleans")]
    public async Task A_backfill_runs_over_the_given_snapshots(string transport)
    {
        var client = silo.Client(transport);
        var id = $"{transport}-backfill";
        // A backfill runs over a workflow's sources: the tables it triggers on.
        await client.ApplyWorkflowAsync(new WorkflowBuilder(id)
            .OnTableCommit(EmbeddedSilo.SourceTable)
            .Sql("copy", "SELECT id, name FROM source", $"{transport}_backfill.copy",
                inputs: [new SqlInput { Table = EmbeddedSilo.SourceTable, As = "source" }])
            .Build());

        var run = await client.BackfillAsync(id, [new SnapshotRange { Table = EmbeddedSilo.SourceTable, ToInclusive = silo.SourceSnapshots[0] }]);
        var wrong = await Assert.ThrowsAsync<MaestroValidationException>(() =>
            client.BackfillAsync(id, [new SnapshotRange { Table = "e2e.not_a_source", ToInclusive = 1 }]));
        Assert.Contains("sources", wrong.Errors.Keys);
        var events = await client.UntilEndAsync(run, TimeSpan.FromSeconds(90));
        Assert.True(events[^1].Status == RunStatus.Succeeded, $"{events[^1].Run.Error} {string.Join(" ", events[^1].Run.Steps.Select(s => s.Error))}");
        var info = await client.GetRunAsync(run);
        Assert.Equal("backfill", info.Trigger);
        Assert.Equal(silo.SourceSnapshots[0], Assert.Single(info.Sources).ToInclusive);

        var details = await client.GetTableAsync($"{transport}_backfill.copy");
        Assert.NotNull(details.CurrentSnapshotId);

        await Assert.ThrowsAsync<MaestroNotFoundException>(() =>
            client.BackfillAsync($"{transport}-no-such-workflow", [new SnapshotRange { Table = EmbeddedSilo.SourceTable, ToInclusive = silo.SourceSnapshots[0] }]));
    }
}
