using System.Text.Json.Serialization;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// How a workflow schedules runs when work arrives while runs are active (Netflix Maestro's run strategies).
/// Whatever the strategy, source data is never skipped: a run covers every snapshot from the workflow's watermark on.
/// </summary>
[GenerateSerializer, Alias("maestro.RunStrategy")]
public sealed record RunStrategy
{
    public static RunStrategy Sequential { get; } = new() { Kind = RunStrategyKind.Sequential };

    [Id(0)] public RunStrategyKind Kind { get; init; } = RunStrategyKind.Sequential;

    /// <summary>For <see cref="RunStrategyKind.Parallel"/>: the most runs active at once (at least 1).</summary>
    [Id(1)] public int MaxParallel { get; init; } = 1;
}

[JsonConverter(typeof(CamelCaseEnumConverter<RunStrategyKind>))]
public enum RunStrategyKind
{
    /// <summary>One run at a time; work that arrives meanwhile is coalesced into the next run.</summary>
    Sequential,

    /// <summary>Up to <see cref="RunStrategy.MaxParallel"/> runs at once, each over the snapshots no other run took.</summary>
    Parallel,

    /// <summary>One run at a time; triggers that arrive while it runs are dropped (their data waits for the next trigger).</summary>
    FirstOnly,

    /// <summary>A new trigger stops the active run and starts a new one over everything not yet consumed.</summary>
    LastOnly,
}
