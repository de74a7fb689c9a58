using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Orchestration;

[GenerateSerializer, Alias("maestro.WorkflowGrainState")]
public sealed class WorkflowGrainState
{
    /// <summary>Every stored definition version, oldest first (runs keep the version they started with).</summary>
    [Id(0)] public List<WorkflowDefinition> Versions { get; set; } = [];

    /// <summary>Per source table: the last snapshot consumed by successful runs (truth; signals are hints).</summary>
    [Id(1)] public Dictionary<string, long> Watermarks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per source table: the newest snapshot known, and when it was committed.</summary>
    [Id(2)] public Dictionary<string, long> Latest { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public Dictionary<string, DateTimeOffset> LatestCommitAt { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Runs that consumed (or are consuming) snapshots beyond the watermarks, in start order.</summary>
    [Id(4)] public List<RunClaim> Claims { get; set; } = [];

    [Id(5)] public long LastRunNumber { get; set; }

    /// <summary>Manual or cron starts waiting for a free slot (sequential and parallel strategies).</summary>
    [Id(6)] public List<PendingStart> Pending { get; set; } = [];

    /// <summary>Runs still active (running or queued in their grain), including backfills that claim nothing.</summary>
    [Id(7)] public HashSet<long> ActiveRuns { get; set; } = [];

    /// <summary>The last cron occurrence that started a run, so a reactivation never fires it twice.</summary>
    [Id(8)] public DateTimeOffset? LastCronFire { get; set; }

    [Id(9)] public bool Deleted { get; set; }

    /// <summary>The plans of active runs, so a run whose start was lost in a crash is started again by reconciliation.</summary>
    [Id(10)] public Dictionary<long, RunPlan> Plans { get; set; } = [];

    /// <summary>Per source table: the sequence number of <see cref="Latest"/>, to put late or repeated hints in order.</summary>
    [Id(11)] public Dictionary<string, long> LatestSequence { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The version new runs use (0 in state written before versions could be activated: the newest).</summary>
    [Id(12)] public int ActiveVersion { get; set; }

    /// <summary>When each version was stored (versions stored before this was recorded have no entry).</summary>
    [Id(13)] public Dictionary<int, DateTimeOffset> VersionCreatedAt { get; set; } = [];

    /// <summary>When a version was last stored or activated (the workflow list's "updated at").</summary>
    [Id(14)] public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>Per source table: W3C traceparent of the signal that brought <see cref="Latest"/>, so the run covering it joins that trace.</summary>
    [Id(15)] public Dictionary<string, string> LatestTraceParent { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The active version's definition; null when the workflow has none (never stored, or deleted).</summary>
    public WorkflowDefinition? Current => Versions.Count == 0 || Deleted ? null : Active;

    /// <summary>The active version's definition, deleted or not (null when nothing was ever stored).</summary>
    public WorkflowDefinition? Active => Versions.Count == 0 ? null : Versions[(ActiveVersion >= 1 && ActiveVersion <= Versions.Count ? ActiveVersion : Versions.Count) - 1];
}
