using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>Stored versions, the active one, and what activating an older or newer version changes.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class VersionTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task Each_put_stores_a_version_that_becomes_active_and_every_version_can_be_read_back()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"ver-{u}";
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        Assert.Equal(1, await grain.PutDefinitionAsync(new WorkflowBuilder(id).Description("first").OnManual().Noop("one").Build()));
        Assert.Equal(2, await grain.PutDefinitionAsync(new WorkflowBuilder(id).Description("second").OnManual().Noop("two").Build()));

        var versions = await grain.ListVersionsAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(["first", "second"], versions.Select(v => v.Description));
        Assert.Equal([false, true], versions.Select(v => v.Active));
        Assert.All(versions, v => Assert.InRange(v.CreatedAt!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.True(versions[0].CreatedAt <= versions[1].CreatedAt);

        var first = await grain.GetVersionAsync(1);
        Assert.Equal(1, first!.Version);
        Assert.Equal("one", Assert.Single(first.Steps).Id);
        Assert.Null(await grain.GetVersionAsync(3));
        Assert.Null(await grain.GetVersionAsync(0));

        var info = (await grain.GetAsync())!;
        Assert.Equal(2, info.ActiveVersion);
        Assert.Equal(2, info.LatestVersion);
        Assert.Equal(2, info.Definition.Version);
    }

    [Fact]
    public async Task Activating_an_old_version_moves_the_table_subscriptions_and_new_runs_use_it()
    {
        var u = OrchestrationCluster.Unique();
        string a = $"raw.va_{u}", b = $"raw.vb_{u}", id = $"veract-{u}";
        await cluster.CreateEventsAsync(a);
        await cluster.CreateEventsAsync(b);
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnTableCommit(a).Noop("from-a").Build());
        await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnTableCommit(b).Noop("from-b").Build());
        Assert.Equal([id], await SubscribersAsync(b));
        Assert.Empty(await SubscribersAsync(a));

        var info = await grain.ActivateVersionAsync(1);

        Assert.Equal(1, info.ActiveVersion);
        Assert.Equal(2, info.LatestVersion);
        Assert.Equal(1, info.Definition.Version);
        Assert.Equal([id], await SubscribersAsync(a));
        Assert.Empty(await SubscribersAsync(b));
        Assert.Equal([true, false], (await grain.ListVersionsAsync()).Select(v => v.Active));

        // A commit to the table of version 1 starts a run of version 1.
        await cluster.AppendEventsAsync(a, 0, 3);
        var run = await cluster.WaitForRunAsync(id, 1);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.DefinitionVersion);
        Assert.Equal("from-a", Assert.Single(run.Steps).StepId);

        // A commit to the other table does not (it is no longer a trigger).
        await cluster.AppendEventsAsync(b, 0, 3);
        await Task.Delay(500);
        Assert.Equal(1, (await grain.GetAsync())!.LastRunNumber);

        // Roll forward again: version 2 picks up the commit to its table it has not consumed.
        await grain.ActivateVersionAsync(2);
        var next = await cluster.WaitForRunAsync(id, 2);
        Assert.Equal(2, next.DefinitionVersion);
        Assert.Equal("from-b", Assert.Single(next.Steps).StepId);
        Assert.Equal([id], await SubscribersAsync(b));
        Assert.Empty(await SubscribersAsync(a));
    }

    [Fact]
    public async Task The_active_version_survives_the_grain_deactivating()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"verkeep-{u}";
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnManual().Noop("one").Build());
        await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnManual().Noop("two").Build());
        await grain.ActivateVersionAsync(1);

        await cluster.DeactivateAsync(grain);

        var info = (await grain.GetAsync())!;
        Assert.Equal(1, info.ActiveVersion);
        Assert.Equal("one", Assert.Single(info.Definition.Steps).Id);
        var run = await cluster.WaitForRunAsync(id, await grain.StartRunAsync(new RunRequest()));
        Assert.Equal(1, run.DefinitionVersion);
    }

    [Fact]
    public async Task A_running_run_keeps_its_version_when_another_is_activated()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"verrun-{u}";
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnManual().Noop("old").Build());
        await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnManual().Sleep("slow", TimeSpan.FromSeconds(1.5)).Build());
        var number = await grain.StartRunAsync(new RunRequest());
        await OrchestrationCluster.WaitUntilAsync(async () => (await cluster.GetRunAsync(id, number))?.Status == RunStatus.Running,
            TimeSpan.FromSeconds(30), () => "the run to start");

        await grain.ActivateVersionAsync(1);

        var done = await cluster.WaitForRunAsync(id, number);
        Assert.Equal(RunStatus.Succeeded, done.Status);
        Assert.Equal(2, done.DefinitionVersion);
        Assert.Equal("slow", Assert.Single(done.Steps).StepId);
        var after = await cluster.WaitForRunAsync(id, await grain.StartRunAsync(new RunRequest()));
        Assert.Equal(1, after.DefinitionVersion);
    }

    [Fact]
    public async Task Activation_switches_the_cron_schedule_off_and_on()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"vercron-{u}";
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnCron("* * * * * *").Noop("tick").Build());
        await WaitForCronRunsAsync(grain, 1);
        await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnManual().Noop("manual").Build());
        var count = await CronRunsAsync(grain);

        await Task.Delay(2500);
        Assert.InRange(await CronRunsAsync(grain), count, count + 1); // at most one that was already starting

        await grain.ActivateVersionAsync(1);
        await WaitForCronRunsAsync(grain, count + 2);
        await grain.DeleteAsync();
    }

    [Fact]
    public async Task A_missing_version_or_workflow_is_not_found()
    {
        var u = OrchestrationCluster.Unique();
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>($"vermiss-{u}");
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.ListVersionsAsync());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.GetVersionAsync(1));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.ActivateVersionAsync(1));

        await grain.PutDefinitionAsync(new WorkflowBuilder($"vermiss-{u}").OnManual().Noop("one").Build());

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.ActivateVersionAsync(2));
        Assert.Contains("no version 2", error.Message);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.ActivateVersionAsync(0));
        Assert.Equal(1, (await grain.GetAsync())!.ActiveVersion);
    }

    private async Task<IReadOnlyList<string>> SubscribersAsync(string table) =>
        (await cluster.Grains.GetGrain<ITableGrain>(table).GetAsync()).Subscribers;

    private static async Task<int> CronRunsAsync(IWorkflowGrain grain) =>
        (await grain.ListRunsAsync(200)).Count(r => r.Trigger == RunTriggers.Cron);

    private static Task WaitForCronRunsAsync(IWorkflowGrain grain, int count) =>
        OrchestrationCluster.WaitUntilAsync(async () => await CronRunsAsync(grain) >= count, TimeSpan.FromSeconds(30), () => $"{count} cron runs");
}
