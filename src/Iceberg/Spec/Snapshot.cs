namespace OrleansMaestro.Iceberg.Spec;

/// <summary>A snapshot: the table's state at one commit (spec: "Snapshots").</summary>
public sealed record Snapshot
{
    public required long SnapshotId { get; init; }

    public long? ParentSnapshotId { get; init; }

    /// <summary>The snapshot's data sequence number (0 for v1 tables).</summary>
    public long SequenceNumber { get; init; }

    public required long TimestampMs { get; init; }

    /// <summary>Location of the manifest list (Avro).</summary>
    public required string ManifestList { get; init; }

    /// <summary>The summary, including <c>operation</c> (append, replace, overwrite, delete) and any <c>maestro.*</c> markers.</summary>
    public IReadOnlyDictionary<string, string> Summary { get; init; } = new Dictionary<string, string>();

    public int? SchemaId { get; init; }

    public string Operation => Summary.TryGetValue("operation", out var op) ? op : SnapshotOperation.Append;

    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs);
}
