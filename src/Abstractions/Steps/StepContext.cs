using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Steps;

/// <summary>What a step attempt knows about its run.</summary>
public sealed record StepContext
{
    public required string WorkflowId { get; init; }

    public required long RunNumber { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>For each source table, the snapshot range this run covers.</summary>
    public IReadOnlyList<SnapshotRange> Sources { get; init; } = [];

    /// <summary>The step's own settings from its definition.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
