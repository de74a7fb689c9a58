using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// The list of workflows (one grain, key <see cref="Key"/>): each workflow grain registers its summary when a version
/// is stored, activated or the grain activates, and unregisters when deleted. Serves the workflow list and lineage.
/// </summary>
[Alias("maestro.IWorkflowRegistryGrain")]
public interface IWorkflowRegistryGrain : IGrainWithStringKey
{
    public const string Key = "workflows";

    [Alias("Register")]
    Task RegisterAsync(WorkflowSummary summary);

    [Alias("Unregister")]
    Task UnregisterAsync(string workflowId);

    /// <summary>Every registered workflow, ordered by id.</summary>
    [Alias("List")]
    Task<IReadOnlyList<WorkflowSummary>> ListAsync();

    /// <summary>
    /// The lineage graph: the whole of it (<paramref name="table"/> null), or everything upstream and downstream of
    /// <paramref name="table"/>. A table no workflow reads or writes and the catalog does not have:
    /// <see cref="KeyNotFoundException"/>.
    /// </summary>
    [Alias("GetLineage")]
    Task<LineageGraph> GetLineageAsync(string? table);
}
