using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// One workflow (key: its id). Keeps the definition versions, a watermark per source table (the last snapshot a
/// successful run consumed), and the runs; turns table signals, cron ticks and manual requests into runs according to
/// the run strategy, coalescing many commits into one run.
/// </summary>
[Alias("maestro.IWorkflowGrain")]
public interface IWorkflowGrain : IGrainWithStringKey
{
    /// <summary>Stores a new version of the definition (validated; <see cref="WorkflowDefinitionException"/> names what is wrong) and returns its version.</summary>
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

    /// <summary>Starts a run by hand (or a backfill, when the request names source ranges); returns its number.</summary>
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

    /// <summary>The most recent runs first.</summary>
    [Alias("ListRuns")]
    Task<IReadOnlyList<RunInfo>> ListRunsAsync(int limit);

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

    /// <summary>An external signal the workflow triggers on was posted: starts a run (trigger <c>signal</c>) and returns its number.</summary>
    [Alias("OnSignal")]
    Task<long> OnSignalAsync(string signal, IReadOnlyDictionary<string, string> parameters);

    /// <summary>Stops active runs, unsubscribes from tables and forgets the workflow.</summary>
    [Alias("Delete")]
    Task DeleteAsync();
}
