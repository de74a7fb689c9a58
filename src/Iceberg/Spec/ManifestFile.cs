namespace OrleansMaestro.Iceberg.Spec;

/// <summary>An entry of a manifest list: one manifest and its summary (spec: "Manifest Lists").</summary>
public sealed record ManifestFile
{
    public required string ManifestPath { get; init; }

    public required long ManifestLength { get; init; }

    public int PartitionSpecId { get; init; }

    public ManifestContent Content { get; init; } = ManifestContent.Data;

    public long SequenceNumber { get; init; }

    public long MinSequenceNumber { get; init; }

    public required long AddedSnapshotId { get; init; }

    public int AddedFilesCount { get; init; }

    public int ExistingFilesCount { get; init; }

    public int DeletedFilesCount { get; init; }

    public long AddedRowsCount { get; init; }

    public long ExistingRowsCount { get; init; }

    public long DeletedRowsCount { get; init; }

    public IReadOnlyList<FieldSummary>? Partitions { get; init; }

    public byte[]? KeyMetadata { get; init; }

    public bool HasAddedFiles => AddedFilesCount > 0;

    public bool HasExistingFiles => ExistingFilesCount > 0;
}
