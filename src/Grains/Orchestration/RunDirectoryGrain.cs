using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// Finds runs across workflows (a stateless worker: any silo answers). Each workflow answers for its own run history
/// (at most <see cref="OrchestrationOptions.RunHistory"/> runs, newest first, filtered where they are), so a query costs
/// the workflows' histories, never every run ever made; the answers are merged newest first.
/// </summary>
[StatelessWorker]
public sealed class RunDirectoryGrain : Grain, IRunDirectoryGrain
{
    public async Task<IReadOnlyList<RunInfo>> QueryAsync(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.ThrowIfInvalid();
        if (query.WorkflowId is { } id)
        {
            return await GrainFactory.GetGrain<IWorkflowGrain>(id).QueryRunsAsync(query);
        }

        var workflows = await GrainFactory.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key).ListAsync();
        var answers = await Task.WhenAll(workflows.Select(w => QueryOneAsync(w.Id, query)));
        return [.. answers.SelectMany(r => r).Order(RunQuery.NewestFirst).Take(query.Limit)];
    }

    private async Task<IReadOnlyList<RunInfo>> QueryOneAsync(string workflowId, RunQuery query)
    {
        try
        {
            return await GrainFactory.GetGrain<IWorkflowGrain>(workflowId).QueryRunsAsync(query);
        }
        catch (KeyNotFoundException)
        {
            return []; // deleted since the registry listed it
        }
    }
}
