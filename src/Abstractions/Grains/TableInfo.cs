namespace OrleansMaestro.Abstractions.Grains;

/// <summary>What a table grain knows about its table.</summary>
[GenerateSerializer, Alias("maestro.TableInfo")]
public sealed record TableInfo
{
    [Id(0)] public required string Table { get; init; }

    [Id(1)] public string? MetadataLocation { get; init; }

    [Id(2)] public long? CurrentSnapshotId { get; init; }

    [Id(3)] public DateTimeOffset? LastCommitAt { get; init; }

    [Id(4)] public IReadOnlyList<string> Subscribers { get; init; } = [];

    /// <summary>The current snapshot's sequence number (0 for format v1 tables).</summary>
    [Id(5)] public long CurrentSequenceNumber { get; init; }
}
