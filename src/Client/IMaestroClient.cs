using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Client;

/// <summary>
/// Drives an OrleansMaestro cluster: workflows, runs, tables, lineage and signals. The same contract over the HTTP API
/// and over the Orleans client. Failures surface as <see cref="MaestroException"/> subclasses: not found, invalid
/// (naming every bad field), conflict, unauthorized/forbidden, unavailable.
/// </summary>
public interface IMaestroClient
{
    /// <summary>Stores a new version of the workflow (creating it when new) and makes it active; returns the version.</summary>
    Task<int> ApplyWorkflowAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Checks a definition without storing it; throws <see cref="MaestroValidationException"/> naming every error.</summary>
    Task ValidateWorkflowAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>Every workflow, ordered by id.</summary>
    Task<IReadOnlyList<WorkflowSummary>> ListWorkflowsAsync(CancellationToken cancellationToken = default);

    /// <summary>The workflow's active definition and progress; throws <see cref="MaestroNotFoundException"/> when it does not exist.</summary>
    Task<WorkflowInfo> GetWorkflowAsync(string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Every stored version of the workflow, oldest first.</summary>
    Task<IReadOnlyList<WorkflowVersionInfo>> ListWorkflowVersionsAsync(string workflowId, CancellationToken cancellationToken = default);

    /// <summary>One stored version's definition.</summary>
    Task<WorkflowDefinition> GetWorkflowVersionAsync(string workflowId, int version, CancellationToken cancellationToken = default);

    /// <summary>Makes a stored version the one new runs use.</summary>
    Task<WorkflowInfo> ActivateWorkflowVersionAsync(string workflowId, int version, CancellationToken cancellationToken = default);

    /// <summary>Stops the workflow's active runs and deletes it.</summary>
    Task DeleteWorkflowAsync(string workflowId, CancellationToken cancellationToken = default);

    /// <summary>Starts a manual run (queued under the workflow's run strategy).</summary>
    Task<RunReference> StartRunAsync(string workflowId, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Starts a run over explicit snapshot ranges of the workflow's sources; moves no watermark.</summary>
    Task<RunReference> BackfillAsync(string workflowId, IReadOnlyList<SnapshotRange> sources, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>One run with its steps.</summary>
    Task<RunInfo> GetRunAsync(RunReference run, CancellationToken cancellationToken = default);

    /// <summary>Runs matching the query, newest first.</summary>
    Task<IReadOnlyList<RunInfo>> ListRunsAsync(RunQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Stops a run; returns it as it is after the stop.</summary>
    Task<RunInfo> StopRunAsync(RunReference run, CancellationToken cancellationToken = default);

    /// <summary>Restarts a run from its failed steps; throws <see cref="MaestroConflictException"/> when it may not be.</summary>
    Task<RunInfo> RestartRunAsync(RunReference run, CancellationToken cancellationToken = default);

    /// <summary>
    /// The run's changes as they happen: first a <see cref="RunEventTypes.Snapshot"/> of the run, then one event per
    /// change of the run's or a step's status; the sequence ends after the run reaches a final status.
    /// </summary>
    IAsyncEnumerable<RunEvent> WatchRunAsync(RunReference run, CancellationToken cancellationToken = default);

    /// <summary>The catalog's tables.</summary>
    Task<IReadOnlyList<TableSummary>> ListTablesAsync(CancellationToken cancellationToken = default);

    /// <summary>One table (<c>namespace.table</c>) with its snapshots, schema and the workflows around it.</summary>
    Task<TableDetails> GetTableAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells the cluster that <paramref name="table"/> was committed to around it (e.g. by another engine on the same
    /// catalog): the table is re-read now and its workflows are signalled, instead of at the next poll.
    /// </summary>
    Task<TableSummary> RefreshTableAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>The lineage graph: the whole graph, or everything upstream and downstream of <paramref name="table"/>.</summary>
    Task<LineageGraph> GetLineageAsync(string? table = null, CancellationToken cancellationToken = default);

    /// <summary>Posts an external signal; every workflow with a matching signal trigger starts a run.</summary>
    Task<SignalAccepted> SignalAsync(string signal, IReadOnlyDictionary<string, string>? parameters = null, CancellationToken cancellationToken = default);
}
