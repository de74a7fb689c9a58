namespace OrleansMaestro.Abstractions.Runs;

/// <summary>
/// A request to start a run by hand. Without <see cref="Sources"/> the run covers what the workflow has not consumed
/// yet (like a triggered run); with them it is a backfill over exactly those ranges, and the watermarks do not move.
/// </summary>
[GenerateSerializer, Alias("maestro.RunRequest")]
public sealed record RunRequest
{
    [Id(0)] public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    [Id(1)] public IReadOnlyList<SnapshotRange>? Sources { get; init; }
}
