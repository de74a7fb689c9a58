using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>A workflow's current definition and progress.</summary>
[GenerateSerializer, Alias("maestro.WorkflowInfo")]
public sealed record WorkflowInfo
{
    [Id(0)] public required WorkflowDefinition Definition { get; init; }

    /// <summary>Per source table, the last snapshot that a successful run consumed.</summary>
    [Id(1)] public IReadOnlyDictionary<string, long> Watermarks { get; init; } = new Dictionary<string, long>();

    /// <summary>Per source table, the newest snapshot the workflow knows of.</summary>
    [Id(2)] public IReadOnlyDictionary<string, long> Latest { get; init; } = new Dictionary<string, long>();

    [Id(3)] public IReadOnlyList<long> ActiveRuns { get; init; } = [];

    [Id(4)] public long LastRunNumber { get; init; }

    /// <summary>The version new runs use (<see cref="Definition"/> is that version).</summary>
    [Id(5)] public int ActiveVersion { get; init; }

    /// <summary>The newest stored version.</summary>
    [Id(6)] public int LatestVersion { get; init; }
}
