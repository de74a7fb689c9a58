namespace OrleansMaestro.Iceberg.Spec;

/// <summary>An entry of the snapshot log: when the current snapshot changed to which one.</summary>
public sealed record SnapshotLogEntry(long TimestampMs, long SnapshotId);
