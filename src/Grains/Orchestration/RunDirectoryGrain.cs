using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>Finds runs across workflows (any silo answers).</summary>
[StatelessWorker]
public sealed class RunDirectoryGrain : Grain, IRunDirectoryGrain
{
    public async Task<IReadOnlyList<RunInfo>> QueryAsync(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.WorkflowId is { } id
            ? await GrainFactory.GetGrain<IWorkflowGrain>(id).ListRunsAsync(query.Limit)
            : [];
    }
}
