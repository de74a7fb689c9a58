namespace OrleansMaestro.Grains.Orchestration;

[GenerateSerializer, Alias("maestro.TableGrainState")]
public sealed class TableGrainState
{
    [Id(0)] public HashSet<string> Subscribers { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public string? MetadataLocation { get; set; }

    [Id(2)] public long? SnapshotId { get; set; }

    [Id(3)] public DateTimeOffset? LastCommitAt { get; set; }

    [Id(4)] public long SequenceNumber { get; set; }
}
