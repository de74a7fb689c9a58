using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>The list of workflows and the lineage graph it implies (one grain, key <see cref="IWorkflowRegistryGrain.Key"/>).</summary>
public sealed class WorkflowRegistryGrain(
    [PersistentState("registry", GrainStorage.Name)] IPersistentState<WorkflowRegistryState> state) : Grain, IWorkflowRegistryGrain
{
    public async Task RegisterAsync(WorkflowSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        state.State.Workflows[summary.Id] = summary;
        await state.WriteStateAsync();
    }

    public async Task UnregisterAsync(string workflowId)
    {
        if (state.State.Workflows.Remove(workflowId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<WorkflowSummary>> ListAsync() =>
        Task.FromResult<IReadOnlyList<WorkflowSummary>>([.. state.State.Workflows.Values.OrderBy(w => w.Id, StringComparer.Ordinal)]);

    public Task<LineageGraph> GetLineageAsync(string? table) => Task.FromResult(new LineageGraph());
}
