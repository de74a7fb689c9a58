namespace OrleansMaestro.Abstractions.Runs;

/// <summary>
/// The snapshots of one source table that a run consumes: after <see cref="FromExclusive"/> (null: from the table's first
/// snapshot) up to and including <see cref="ToInclusive"/>. Empty when both are equal.
/// </summary>
[GenerateSerializer, Alias("maestro.SnapshotRange")]
public sealed record SnapshotRange
{
    [Id(0)] public required string Table { get; init; }

    [Id(1)] public long? FromExclusive { get; init; }

    [Id(2)] public long? ToInclusive { get; init; }

    public bool IsEmpty => ToInclusive is null || FromExclusive == ToInclusive;
}
