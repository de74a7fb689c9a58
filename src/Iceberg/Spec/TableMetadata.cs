using System.Text.Json.Nodes;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// The table metadata file's content (spec: "Table Metadata Fields"). Immutable; a commit produces a new instance
/// written as a new metadata file.
/// </summary>
public sealed record TableMetadata
{
    public int FormatVersion { get; init; } = 2;

    public required Guid TableUuid { get; init; }

    public required string Location { get; init; }

    public long LastSequenceNumber { get; init; }

    public required long LastUpdatedMs { get; init; }

    public required int LastColumnId { get; init; }

    public required IReadOnlyList<Schema> Schemas { get; init; }

    public required int CurrentSchemaId { get; init; }

    public required IReadOnlyList<PartitionSpec> PartitionSpecs { get; init; }

    public required int DefaultSpecId { get; init; }

    public required int LastPartitionId { get; init; }

    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    public long? CurrentSnapshotId { get; init; }

    public IReadOnlyList<Snapshot> Snapshots { get; init; } = [];

    public IReadOnlyList<SnapshotLogEntry> SnapshotLog { get; init; } = [];

    public IReadOnlyList<MetadataLogEntry> MetadataLog { get; init; } = [];

    public IReadOnlyList<SortOrder> SortOrders { get; init; } = [SortOrder.Unsorted];

    public int DefaultSortOrderId { get; init; }

    public IReadOnlyDictionary<string, SnapshotRef> Refs { get; init; } = new Dictionary<string, SnapshotRef>();

    /// <summary>Top-level keys this library does not model (statistics, partition-statistics, future fields), kept so they round-trip unchanged.</summary>
    public IReadOnlyDictionary<string, JsonNode?> ExtraFields { get; init; } = new Dictionary<string, JsonNode?>();

    public Schema CurrentSchema => SchemaById(CurrentSchemaId);

    public PartitionSpec DefaultSpec => SpecById(DefaultSpecId);

    public Snapshot? CurrentSnapshot => CurrentSnapshotId is { } id ? SnapshotById(id) : null;

    public Schema SchemaById(int id) =>
        Schemas.FirstOrDefault(s => s.SchemaId == id) ?? throw new InvalidDataException($"Table metadata has no schema with id {id}.");

    public PartitionSpec SpecById(int id) =>
        PartitionSpecs.FirstOrDefault(s => s.SpecId == id) ?? throw new InvalidDataException($"Table metadata has no partition spec with id {id}.");

    public Snapshot? SnapshotById(long id) => Snapshots.FirstOrDefault(s => s.SnapshotId == id);

    /// <summary>The snapshots from the current one back to the first, following parent ids.</summary>
    public IEnumerable<Snapshot> Ancestors(long? fromSnapshotId = null)
    {
        var byId = Snapshots.ToDictionary(s => s.SnapshotId);
        var next = fromSnapshotId ?? CurrentSnapshotId;
        while (next is { } id && byId.TryGetValue(id, out var snapshot))
        {
            yield return snapshot;
            next = snapshot.ParentSnapshotId;
        }
    }
}
