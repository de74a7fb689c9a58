namespace OrleansMaestro.Iceberg.Spec;

/// <summary>A named reference to a snapshot: a branch or a tag (spec: "Snapshot References").</summary>
public sealed record SnapshotRef(long SnapshotId, string Type)
{
    public const string Branch = "branch";
    public const string Tag = "tag";
    public const string MainBranch = "main";

    public int? MinSnapshotsToKeep { get; init; }

    public long? MaxSnapshotAgeMs { get; init; }

    public long? MaxRefAgeMs { get; init; }
}
