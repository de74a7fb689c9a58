using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Runs;

/// <summary>One attempt of one step, as handed to its step grain.</summary>
[GenerateSerializer, Alias("maestro.StepWork")]
public sealed record StepWork
{
    [Id(0)] public required string WorkflowId { get; init; }

    [Id(1)] public required long RunNumber { get; init; }

    [Id(2)] public required StepDefinition Step { get; init; }

    [Id(3)] public required int Attempt { get; init; }

    [Id(4)] public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    [Id(5)] public IReadOnlyList<SnapshotRange> Sources { get; init; } = [];

    /// <summary>The key of the run grain to report to.</summary>
    [Id(6)] public required string RunKey { get; init; }

    /// <summary>
    /// A backfill recomputes exactly the ranges asked for; other runs skip what earlier runs of the same workflow
    /// already committed for the same step (see the SQL step's exactly-once rule).
    /// </summary>
    [Id(7)] public bool IsBackfill { get; init; }

    /// <summary>W3C traceparent of the run's span: the attempt's span is its child.</summary>
    [Id(8)] public string? TraceParent { get; init; }
}
