using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// One workflow (key: its id). Keeps the definition versions, a watermark per source table (the last snapshot a
/// successful run consumed), and the runs; turns table signals, cron ticks and manual requests into runs according to
/// the run strategy, coalescing many commits into one run. Calls about a workflow that has no definition (never stored,
/// or deleted) throw <see cref="KeyNotFoundException"/>, except <see cref="GetAsync"/> and <see cref="GetRunAsync"/>,
/// which return null.
/// </summary>
[Alias("maestro.IWorkflowGrain")]
public interface IWorkflowGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores a new version of the definition (validated; <see cref="WorkflowDefinitionException"/> names what is wrong),
    /// makes it the active one and returns its number. Recreates a deleted workflow (version numbers continue).
    /// </summary>
    [Alias("PutDefinition")]
    Task<int> PutDefinitionAsync(WorkflowDefinition definition);

    /// <summary>Null when the workflow has no definition.</summary>
    [Alias("Get")]
    Task<WorkflowInfo?> GetAsync();

    /// <summary>
    /// A hint that <paramref name="table"/> has a new current snapshot. Hints may arrive late or out of order: the
    /// snapshot's sequence number (then its commit time, for v1 tables whose sequence numbers are all 0) orders them,
    /// and an older hint than one already seen is ignored.
    /// </summary>
    [Alias("OnTableChanged"), OneWay]
    Task OnTableChangedAsync(string table, long snapshotId, long sequenceNumber, DateTimeOffset committedAt);

    /// <summary>
    /// Starts a run by hand (or a backfill, when the request names source ranges); returns its number. An unknown or
    /// missing parameter: <see cref="ArgumentException"/> whose parameter name is <c>parameters.&lt;name&gt;</c>.
    /// </summary>
    [Alias("StartRun")]
    Task<long> StartRunAsync(RunRequest request);

    /// <summary>A run reached a final status (one-way, so a run never waits on its workflow).</summary>
    [Alias("OnRunFinished"), OneWay]
    Task OnRunFinishedAsync(long runNumber, RunStatus status);

    /// <summary>
    /// Asks whether a finished run may be restarted: not when a later run already covers its snapshots (it was superseded).
    /// Returns the reason it may not, or null when it may (the run then counts as active again).
    /// </summary>
    [Alias("OnRunRestarting")]
    Task<string?> OnRunRestartingAsync(long runNumber, bool isBackfill);

    /// <summary>
    /// One run: a queued one (not started yet) as <see cref="RunStatus.Queued"/>, a started one from its run grain; null
    /// when the workflow never had that run number.
    /// </summary>
    [Alias("GetRun")]
    Task<RunInfo?> GetRunAsync(long runNumber);

    /// <summary>The most recent runs first (at most <paramref name="limit"/>, and at most the run history the silo keeps).</summary>
    [Alias("ListRuns")]
    Task<IReadOnlyList<RunInfo>> ListRunsAsync(int limit);

    /// <summary>
    /// The workflow's runs that match <paramref name="query"/> (its <see cref="RunQuery.WorkflowId"/> aside), newest
    /// first, at most <see cref="RunQuery.Limit"/>; only the run history the silo keeps is searched.
    /// </summary>
    [Alias("QueryRuns")]
    Task<IReadOnlyList<RunInfo>> QueryRunsAsync(RunQuery query);

    /// <summary>Every stored version, oldest first.</summary>
    [Alias("ListVersions")]
    Task<IReadOnlyList<WorkflowVersionInfo>> ListVersionsAsync();

    /// <summary>One stored version's definition; null when there is no such version.</summary>
    [Alias("GetVersion")]
    Task<WorkflowDefinition?> GetVersionAsync(int version);

    /// <summary>
    /// Makes a stored version the one new runs use (its triggers and subscriptions take effect; running runs keep theirs).
    /// Throws <see cref="KeyNotFoundException"/> for a version (or workflow) that does not exist.
    /// </summary>
    [Alias("ActivateVersion")]
    Task<WorkflowInfo> ActivateVersionAsync(int version);

    /// <summary>
    /// An external signal the workflow triggers on was posted: queues a run (trigger <c>signal</c>) under the run
    /// strategy, as a manual start, and returns its number. Posted parameters the workflow does not declare are left out
    /// (one signal may start workflows with different parameters); a required one that is missing:
    /// <see cref="ArgumentException"/>. When the active version has no trigger on <paramref name="signal"/>:
    /// <see cref="InvalidOperationException"/> (the signal's subscription is stale).
    /// </summary>
    [Alias("OnSignal")]
    Task<long> OnSignalAsync(string signal, IReadOnlyDictionary<string, string> parameters);

    /// <summary>
    /// Stops active runs (queued ones are recorded as stopped), unsubscribes from tables and signals, leaves the
    /// workflow list and forgets the workflow. Its versions and run numbers are kept for a later <see cref="PutDefinitionAsync"/>.
    /// </summary>
    [Alias("Delete")]
    Task DeleteAsync();
}
