using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Runs;

/// <summary>Everything a run needs, fixed when it starts: the definition version, parameters and source ranges.</summary>
[GenerateSerializer, Alias("maestro.RunPlan")]
public sealed record RunPlan
{
    [Id(0)] public required WorkflowDefinition Definition { get; init; }

    [Id(1)] public required long RunNumber { get; init; }

    [Id(2)] public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    [Id(3)] public IReadOnlyList<SnapshotRange> Sources { get; init; } = [];

    /// <summary><c>table</c>, <c>cron</c>, <c>manual</c>, <c>signal</c> or <c>backfill</c>.</summary>
    [Id(4)] public string Trigger { get; init; } = "manual";

    /// <summary>When the workflow created the run (queued or started), so a run keeps its creation time when it leaves the queue.</summary>
    [Id(7)] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the newest source commit the run covers happened (for commit-to-run delay measurements).</summary>
    [Id(5)] public DateTimeOffset? TriggeringCommitAt { get; init; }

    /// <summary>W3C traceparent of what started the run (the signal of the commit it covers, or the start request), so its trace goes on.</summary>
    [Id(6)] public string? TraceParent { get; init; }
}
