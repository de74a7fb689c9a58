namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// A data or delete file as tracked in a manifest's <c>data_file</c> struct (spec: "Manifests", field ids 100-146).
/// Bounds are in the spec's single-value binary serialization, keyed by column field id.
/// </summary>
public sealed record DataFile
{
    public DataFileContent Content { get; init; } = DataFileContent.Data;

    public required string FilePath { get; init; }

    public FileFormat FileFormat { get; init; } = FileFormat.Parquet;

    /// <summary>The partition tuple, one value per field of the file's partition spec.</summary>
    public StructValue Partition { get; init; } = new();

    /// <summary>The id of the partition spec the file was written with (not stored in the entry; taken from the manifest).</summary>
    public int SpecId { get; init; }

    public required long RecordCount { get; init; }

    public required long FileSizeInBytes { get; init; }

    public IReadOnlyDictionary<int, long>? ColumnSizes { get; init; }

    public IReadOnlyDictionary<int, long>? ValueCounts { get; init; }

    public IReadOnlyDictionary<int, long>? NullValueCounts { get; init; }

    public IReadOnlyDictionary<int, long>? NanValueCounts { get; init; }

    public IReadOnlyDictionary<int, byte[]>? LowerBounds { get; init; }

    public IReadOnlyDictionary<int, byte[]>? UpperBounds { get; init; }

    public byte[]? KeyMetadata { get; init; }

    public IReadOnlyList<long>? SplitOffsets { get; init; }

    /// <summary>For equality delete files: the field ids that identify a deleted row.</summary>
    public IReadOnlyList<int>? EqualityIds { get; init; }

    public int? SortOrderId { get; init; }
}
