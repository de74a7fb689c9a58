using System.Diagnostics;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Orchestration;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>Run revisions, long-polling a run for its next change, and the event sequence of a watch.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class RunWatchTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task Waiting_for_a_change_returns_as_soon_as_the_run_changes()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"wait-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Sleep("slow", TimeSpan.FromSeconds(1.5)).Build());
        var number = await cluster.Grains.GetGrain<IWorkflowGrain>(id).StartRunAsync(new RunRequest());
        var grain = cluster.Grains.GetGrain<IRunGrain>(RunKeys.Run(id, number));
        RunInfo? running = null;
        await OrchestrationCluster.WaitUntilAsync(async () => (running = await grain.GetAsync())?.Steps[0].Status == RunStatus.Running,
            TimeSpan.FromSeconds(30), () => "the step to run");

        var clock = Stopwatch.StartNew();
        var changed = await grain.WaitForChangeAsync(running!.Revision, TimeSpan.FromSeconds(10));

        Assert.NotNull(changed);
        Assert.True(changed.Revision > running.Revision);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.Equal(RunStatus.Succeeded, changed.Steps[0].Status);

        // A revision already passed returns at once.
        clock.Restart();
        Assert.Equal(changed.Revision, (await grain.WaitForChangeAsync(running.Revision, TimeSpan.FromSeconds(10)))!.Revision);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Waiting_on_a_run_that_does_not_change_returns_it_after_max_wait_and_never_waits_past_the_cap()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"waitmax-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Noop("only").Build());
        var number = await cluster.Grains.GetGrain<IWorkflowGrain>(id).StartRunAsync(new RunRequest());
        var done = await cluster.WaitForRunAsync(id, number);
        var grain = cluster.Grains.GetGrain<IRunGrain>(RunKeys.Run(id, number));

        var clock = Stopwatch.StartNew();
        var same = await grain.WaitForChangeAsync(done.Revision, TimeSpan.FromSeconds(1));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
        Assert.Equal(done.Revision, same!.Revision);

        clock.Restart();
        await grain.WaitForChangeAsync(done.Revision, TimeSpan.FromMinutes(10));
        Assert.InRange(clock.Elapsed, IRunGrain.MaxWait - TimeSpan.FromSeconds(0.5), IRunGrain.MaxWait + TimeSpan.FromSeconds(5));

        Assert.Null(await cluster.Grains.GetGrain<IRunGrain>(RunKeys.Run(id, 99)).WaitForChangeAsync(0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_watch_of_a_two_step_run_reports_each_change_and_ends_with_success()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"watch-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual()
            .Sleep("first", TimeSpan.FromMilliseconds(800))
            .Sleep("second", TimeSpan.FromMilliseconds(800), ["first"])
            .Build());
        var number = await cluster.Grains.GetGrain<IWorkflowGrain>(id).StartRunAsync(new RunRequest());

        var events = await WatchAsync(id, number);

        AssertWellFormed(events, RunStatus.Succeeded);
        Assert.Equal(RunEventTypes.Snapshot, events[0].Type);
        // Each step was seen running and then succeeded (a sleep of 800 ms cannot hide from a long-poll).
        Assert.Equal([RunStatus.Running, RunStatus.Succeeded], Observed(events, "first"));
        Assert.Equal([RunStatus.Running, RunStatus.Succeeded], Observed(events, "second"));
        Assert.Equal(2, events.Count(e => e.StepId == "second")); // second: running, succeeded (first may have been running at the snapshot)
        var firstDone = events.First(e => e.StepId == "first" && e.Status == RunStatus.Succeeded);
        var secondStarts = events.First(e => e.StepId == "second" && e.Status == RunStatus.Running);
        Assert.True(firstDone.Sequence < secondStarts.Sequence);
        Assert.Equal(RunEventTypes.RunStatusChanged, events[^1].Type);
        Assert.All(events.Where(e => e.Type == RunEventTypes.StepChanged), e => Assert.Equal(e.Status, e.Run.Steps.Single(s => s.StepId == e.StepId).Status));
    }

    [Fact]
    public async Task A_watch_of_a_failing_run_ends_with_the_failure_and_its_error()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"watchfail-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual()
            .Retry(1, TimeSpan.FromMilliseconds(300))
            .Shell("broken", "sleep 0.5; echo 'bad input' >&2; exit 2")
            .Noop("after", ["broken"])
            .Build());
        var number = await cluster.Grains.GetGrain<IWorkflowGrain>(id).StartRunAsync(new RunRequest());

        var events = await WatchAsync(id, number);

        AssertWellFormed(events, RunStatus.Failed);
        Assert.Contains("bad input", events[^1].Error);
        var broken = events.Where(e => e.StepId == "broken").ToArray();
        Assert.Equal(RunStatus.Failed, broken[^1].Status);
        Assert.Equal(2, broken[^1].Attempts);
        Assert.Contains(broken, e => e.Attempts == 2 && e.Status == RunStatus.Running); // the retry was its own event
        Assert.DoesNotContain(events, e => e.StepId == "after");
    }

    [Fact]
    public async Task A_watch_of_a_queued_run_starts_with_it_queued_and_follows_it_once_it_starts()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"watchq-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Sleep("slow", TimeSpan.FromSeconds(1.5)).Build());
        var workflow = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        await workflow.StartRunAsync(new RunRequest());
        var queued = await workflow.StartRunAsync(new RunRequest());

        var events = await WatchAsync(id, queued);

        Assert.Equal(RunEventTypes.Snapshot, events[0].Type);
        Assert.Equal(RunStatus.Queued, events[0].Status);
        Assert.Equal(0, events[0].Run.Revision);
        AssertWellFormed(events, RunStatus.Succeeded);
        Assert.Contains(events, e => e.Type == RunEventTypes.RunStatusChanged && e.Status == RunStatus.Running);
    }

    [Fact]
    public async Task A_watch_of_a_finished_run_is_its_snapshot_alone()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"watchdone-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Noop("only").Build());
        var number = await cluster.Grains.GetGrain<IWorkflowGrain>(id).StartRunAsync(new RunRequest());
        await cluster.WaitForRunAsync(id, number);

        var only = Assert.Single(await WatchAsync(id, number));

        Assert.Equal(RunEventTypes.Snapshot, only.Type);
        Assert.Equal(RunStatus.Succeeded, only.Status);
    }

    [Fact]
    public async Task A_watch_of_a_run_that_does_not_exist_is_not_found()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"watchnone-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Noop("only").Build());

        await Assert.ThrowsAsync<KeyNotFoundException>(() => WatchAsync(id, 1));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => WatchAsync($"no-such-workflow-{u}", 1));
    }

    [Fact]
    public async Task A_watch_ends_when_cancelled()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"watchcancel-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Sleep("long", TimeSpan.FromMinutes(5)).Build());
        var number = await cluster.Grains.GetGrain<IWorkflowGrain>(id).StartRunAsync(new RunRequest());
        using var cancel = new CancellationTokenSource();
        var seen = 0;

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in RunWatch.WatchAsync(cluster.Grains, new RunReference { WorkflowId = id, RunNumber = number }, cancel.Token))
            {
                if (++seen == 1)
                {
                    cancel.CancelAfter(TimeSpan.FromMilliseconds(500));
                }
            }
        });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        await cluster.Grains.GetGrain<IRunGrain>(RunKeys.Run(id, number)).StopAsync();
    }

    private async Task<List<RunEvent>> WatchAsync(string workflowId, long number)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<RunEvent>();
        await foreach (var e in RunWatch.WatchAsync(cluster.Grains, new RunReference { WorkflowId = workflowId, RunNumber = number }, timeout.Token))
        {
            events.Add(e);
        }

        return events;
    }

    private static void AssertWellFormed(List<RunEvent> events, RunStatus final)
    {
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(RunEventTypes.Snapshot, events[0].Type);
        Assert.Single(events, e => e.Type == RunEventTypes.Snapshot);
        // Only the last event shows the run finished; the watch ended right after it.
        Assert.Equal(RunEventTypes.RunStatusChanged, events[^1].Type);
        Assert.Equal(final, events[^1].Status);
        Assert.Equal(final, events[^1].Run.Status);
        Assert.All(events[..^1], e => Assert.False(e.Type == RunEventTypes.RunStatusChanged && e.Status.IsFinal()));
        // Revisions never go back.
        Assert.Equal(events.Select(e => e.Run.Revision).Order(), events.Select(e => e.Run.Revision));
    }

    /// <summary>The statuses a step went through as the watch saw it (every event carries the whole run), Created left out.</summary>
    private static IEnumerable<RunStatus> Observed(IEnumerable<RunEvent> events, string step) =>
        events.Select(e => e.Run.Steps.Single(s => s.StepId == step).Status).Where(s => s != RunStatus.Created).Distinct();
}
