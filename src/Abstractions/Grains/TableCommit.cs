namespace OrleansMaestro.Abstractions.Grains;

/// <summary>A table's catalog pointer after a commit.</summary>
[GenerateSerializer, Alias("maestro.TableCommit")]
public sealed record TableCommit
{
    [Id(0)] public required string MetadataLocation { get; init; }

    /// <summary>The current snapshot after the commit (null for a table without snapshots, e.g. just created).</summary>
    [Id(1)] public long? SnapshotId { get; init; }

    /// <summary>When the snapshot was committed (its timestamp-ms), for freshness measurements.</summary>
    [Id(2)] public DateTimeOffset CommittedAt { get; init; }
}
