using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class DeleteTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task Delete_stops_runs_lets_go_of_tables_signals_and_the_list_and_a_later_put_recreates_it()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.del_{u}", signal = $"del-{u}", id = $"del-{u}";
        await cluster.CreateEventsAsync(raw);
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnTableCommit(raw).OnSignal(signal).Sleep("long", TimeSpan.FromMinutes(5)).Build());
        var running = await grain.StartRunAsync(new RunRequest());
        var queued = await grain.StartRunAsync(new RunRequest());
        await OrchestrationCluster.WaitUntilAsync(async () => (await cluster.GetRunAsync(id, running))?.Status == RunStatus.Running,
            TimeSpan.FromSeconds(30), () => "the run to start");

        await grain.DeleteAsync();

        Assert.Null(await grain.GetAsync());
        Assert.Equal(RunStatus.Stopped, (await cluster.WaitForRunAsync(id, running)).Status);
        var dropped = await cluster.WaitForRunAsync(id, queued);
        Assert.Equal(RunStatus.Stopped, dropped.Status);
        Assert.Contains("deleted", dropped.Error);
        Assert.Empty((await cluster.Grains.GetGrain<ITableGrain>(raw).GetAsync()).Subscribers);
        Assert.Empty(await cluster.Grains.GetGrain<ISignalGrain>(signal).GetSubscribersAsync());
        Assert.DoesNotContain(await cluster.Grains.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key).ListAsync(), w => w.Id == id);

        // Recreated: versions and run numbers go on from where they were.
        Assert.Equal(2, await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnSignal(signal).Noop("only").Build()));
        Assert.Equal([id], await cluster.Grains.GetGrain<ISignalGrain>(signal).GetSubscribersAsync());
        var again = await grain.StartRunAsync(new RunRequest());
        Assert.Equal(queued + 1, again);
        Assert.Equal(RunStatus.Succeeded, (await cluster.WaitForRunAsync(id, again)).Status);
        Assert.Contains(await cluster.Grains.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key).ListAsync(), w => w.Id == id && w.ActiveVersion == 2);
    }
}
