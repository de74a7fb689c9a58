namespace OrleansMaestro.Abstractions.Runs;

/// <summary>A run as users see it: its status, what it consumed and the state of every step.</summary>
[GenerateSerializer, Alias("maestro.RunInfo")]
public sealed record RunInfo
{
    [Id(0)] public required string WorkflowId { get; init; }

    [Id(1)] public required long RunNumber { get; init; }

    [Id(2)] public int DefinitionVersion { get; init; }

    [Id(3)] public RunStatus Status { get; init; } = RunStatus.Created;

    /// <summary>What started the run: <c>table</c>, <c>cron</c>, <c>manual</c>, <c>signal</c> or <c>backfill</c>.</summary>
    [Id(4)] public string Trigger { get; init; } = "manual";

    [Id(5)] public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    [Id(6)] public IReadOnlyList<SnapshotRange> Sources { get; init; } = [];

    [Id(7)] public IReadOnlyList<StepInfo> Steps { get; init; } = [];

    [Id(8)] public DateTimeOffset CreatedAt { get; init; }

    [Id(9)] public DateTimeOffset? StartedAt { get; init; }

    [Id(10)] public DateTimeOffset? FinishedAt { get; init; }

    [Id(11)] public string? Error { get; init; }

    /// <summary>Times the run was restarted from its failed steps.</summary>
    [Id(12)] public int Restarts { get; init; }

    /// <summary>
    /// Grows on every change of the run's durable state (0 for a run not started yet), so a watcher can ask for what
    /// came after the revision it saw (<see cref="Grains.IRunGrain.WaitForChangeAsync"/>).
    /// </summary>
    [Id(13)] public long Revision { get; init; }
}
