using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// The list of workflows (one grain, key <see cref="IWorkflowRegistryGrain.Key"/>), kept by the workflow grains
/// themselves, and the lineage graph it implies. Reads never call a workflow, so a workflow may call it at any time.
/// </summary>
public sealed class WorkflowRegistryGrain(
    [PersistentState("registry", GrainStorage.Name)] IPersistentState<WorkflowRegistryState> state,
    SqlCatalog catalog) : Grain, IWorkflowRegistryGrain
{
    public async Task RegisterAsync(WorkflowSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (state.State.Workflows.TryGetValue(summary.Id, out var known) && Same(known, summary))
        {
            return; // a workflow re-registers on every activation: nothing to write when nothing changed
        }

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

    public async Task<LineageGraph> GetLineageAsync(string? table)
    {
        var graph = LineageGraph.Build(state.State.Workflows.Values);
        if (table is null)
        {
            return graph;
        }

        if (graph.Around(table) is { } around)
        {
            return around;
        }

        TableIdentifier id;
        try
        {
            id = TableIdentifier.Parse(table);
        }
        catch (FormatException e)
        {
            throw new InvalidFieldException(e.Message, nameof(table));
        }

        return await catalog.TableExistsAsync(id)
            ? LineageGraph.OfTable(table)
            : throw new KeyNotFoundException($"Table '{table}' is not in the catalog, and no workflow reads or writes it.");
    }

    private static bool Same(WorkflowSummary a, WorkflowSummary b) =>
        a.Id == b.Id && a.Description == b.Description && a.ActiveVersion == b.ActiveVersion && a.LatestVersion == b.LatestVersion
        && a.Strategy == b.Strategy && a.UpdatedAt == b.UpdatedAt
        && a.Reads.SequenceEqual(b.Reads) && a.Writes.SequenceEqual(b.Writes) && a.Signals.SequenceEqual(b.Signals);
}
