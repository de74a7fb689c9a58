using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Orchestration;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>
/// The exceptions the API maps to status codes: not found (404), bad argument naming the field (400), refused (409).
/// </summary>
[Collection(OrchestrationCollection.Name)]
public sealed class ErrorConventionTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task Every_call_about_a_missing_workflow_is_not_found()
    {
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>($"missing-{OrchestrationCluster.Unique()}");

        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.StartRunAsync(new RunRequest()));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.StartRunAsync(new RunRequest { Sources = [new SnapshotRange { Table = "raw.x", ToInclusive = 1 }] }));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.ActivateVersionAsync(1));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.ListVersionsAsync());
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.GetVersionAsync(1));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.ListRunsAsync(10));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.OnSignalAsync("any", new Dictionary<string, string>()));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => grain.DeleteAsync());
        Assert.Null(await grain.GetAsync());
        Assert.Null(await grain.GetRunAsync(1));
    }

    [Fact]
    public async Task Unknown_and_missing_parameters_are_argument_errors_naming_the_parameter()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"params-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Parameter("day").Parameter("region", "eu").Noop("only").Build());
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);

        var missing = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.StartRunAsync(new RunRequest()));
        Assert.Equal("parameters.day", missing.ParamName);
        Assert.Contains("'day'", missing.Message);

        var unknown = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.StartRunAsync(new RunRequest { Parameters = new Dictionary<string, string> { ["day"] = "1", ["dya"] = "2" } }));
        Assert.Equal("parameters.dya", unknown.ParamName);
        Assert.Contains("dya", unknown.Message);
        Assert.Equal(0, (await grain.GetAsync())!.LastRunNumber); // nothing was queued

        var run = await cluster.WaitForRunAsync(id, await grain.StartRunAsync(new RunRequest { Parameters = new Dictionary<string, string> { ["day"] = "1" } }));
        Assert.Equal(new Dictionary<string, string> { ["day"] = "1", ["region"] = "eu" }, run.Parameters);
    }

    [Fact]
    public async Task A_backfill_over_a_table_that_is_not_a_source_names_sources()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"backfill-bad-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Noop("only").Build());
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.StartRunAsync(new RunRequest { Sources = [new SnapshotRange { Table = "raw.elsewhere", ToInclusive = 1 }] }));
        Assert.Equal("sources", error.ParamName);
        var empty = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.StartRunAsync(new RunRequest { Sources = [] }));
        Assert.Equal("sources", empty.ParamName);
    }

    [Fact]
    public async Task Restarting_a_run_that_does_not_exist_is_not_found_and_a_refused_restart_is_invalid()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"restart-conv-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Noop("only").Build());
        var number = await cluster.Grains.GetGrain<IWorkflowGrain>(id).StartRunAsync(new RunRequest());
        await cluster.WaitForRunAsync(id, number);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => cluster.Grains.GetGrain<IRunGrain>(RunKeys.Run(id, 42)).RestartAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Grains.GetGrain<IRunGrain>(RunKeys.Run(id, number)).RestartAsync());
    }

    [Fact]
    public async Task Get_run_knows_queued_started_and_never_made_runs()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"getrun-{u}";
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Sleep("slow", TimeSpan.FromSeconds(1)).Build());
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        var first = await grain.StartRunAsync(new RunRequest());
        var second = await grain.StartRunAsync(new RunRequest());

        Assert.Equal(RunStatus.Queued, (await grain.GetRunAsync(second))!.Status);
        Assert.NotEqual(RunStatus.Queued, (await cluster.WaitForRunAsync(id, first)).Status);
        Assert.Equal(RunStatus.Succeeded, (await grain.GetRunAsync(first))!.Status);
        Assert.Null(await grain.GetRunAsync(3));
        Assert.Null(await grain.GetRunAsync(0));
        await cluster.WaitForRunAsync(id, second);
    }
}
