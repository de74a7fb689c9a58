using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// A written data file in a serializable form: <see cref="DataFile"/> holds partition values as CLR objects and is
/// not an Orleans type, so shard outputs carry this instead. Partition values use the spec's single-value binary
/// form (<see cref="Conversions.ToBytes"/>), as the metric bounds already do; <see cref="ToDataFile"/> restores the
/// <see cref="DataFile"/> given the same partition spec and schema.
/// </summary>
[GenerateSerializer, Alias("maestro.SqlShardDataFile")]
public sealed record SqlShardDataFile
{
    [Id(0)] public required string Path { get; init; }

    [Id(1)] public required long RecordCount { get; init; }

    [Id(2)] public required long FileSizeInBytes { get; init; }

    [Id(3)] public int SpecId { get; init; }

    /// <summary>One entry per partition field; null for a null value.</summary>
    [Id(4)] public IReadOnlyList<byte[]?> PartitionValues { get; init; } = [];

    [Id(5)] public IReadOnlyDictionary<int, long>? ColumnSizes { get; init; }

    [Id(6)] public IReadOnlyDictionary<int, long>? ValueCounts { get; init; }

    [Id(7)] public IReadOnlyDictionary<int, long>? NullValueCounts { get; init; }

    [Id(8)] public IReadOnlyDictionary<int, long>? NanValueCounts { get; init; }

    [Id(9)] public IReadOnlyDictionary<int, byte[]>? LowerBounds { get; init; }

    [Id(10)] public IReadOnlyDictionary<int, byte[]>? UpperBounds { get; init; }

    [Id(11)] public IReadOnlyList<long>? SplitOffsets { get; init; }

    [Id(12)] public int? SortOrderId { get; init; }

    public static SqlShardDataFile FromDataFile(DataFile file, PartitionSpec spec, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        if (file.Content != DataFileContent.Data)
        {
            throw new ArgumentException($"'{file.FilePath}' is a {file.Content} file; shards only write data files.", nameof(file));
        }

        var partitionType = spec.PartitionType(schema);
        var values = new byte[]?[partitionType.Fields.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var value = file.Partition.Count > i ? file.Partition[i] : null;
            values[i] = value is null ? null : Conversions.ToBytes((PrimitiveType)partitionType.Fields[i].Type, value);
        }

        return new SqlShardDataFile
        {
            Path = file.FilePath,
            RecordCount = file.RecordCount,
            FileSizeInBytes = file.FileSizeInBytes,
            SpecId = file.SpecId,
            PartitionValues = values,
            ColumnSizes = Copy(file.ColumnSizes),
            ValueCounts = Copy(file.ValueCounts),
            NullValueCounts = Copy(file.NullValueCounts),
            NanValueCounts = Copy(file.NanValueCounts),
            LowerBounds = Copy(file.LowerBounds),
            UpperBounds = Copy(file.UpperBounds),
            SplitOffsets = file.SplitOffsets?.ToArray(),
            SortOrderId = file.SortOrderId,
        };
    }

    /// <summary>The <see cref="DataFile"/> to commit; <paramref name="spec"/> must be the spec with id <see cref="SpecId"/>.</summary>
    public DataFile ToDataFile(PartitionSpec spec, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        if (spec.SpecId != SpecId)
        {
            throw new ArgumentException($"Data file '{Path}' was written with partition spec {SpecId}, not {spec.SpecId}.", nameof(spec));
        }

        var partitionType = spec.PartitionType(schema);
        if (partitionType.Fields.Count != PartitionValues.Count)
        {
            throw new ArgumentException($"Data file '{Path}' has {PartitionValues.Count} partition values; spec {spec.SpecId} has {partitionType.Fields.Count} fields.", nameof(spec));
        }

        var values = new object?[PartitionValues.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = PartitionValues[i] is { } bytes ? Conversions.FromBytes((PrimitiveType)partitionType.Fields[i].Type, bytes) : null;
        }

        return new DataFile
        {
            FilePath = Path,
            FileFormat = FileFormat.Parquet,
            Partition = new StructValue(values),
            SpecId = SpecId,
            RecordCount = RecordCount,
            FileSizeInBytes = FileSizeInBytes,
            ColumnSizes = ColumnSizes,
            ValueCounts = ValueCounts,
            NullValueCounts = NullValueCounts,
            NanValueCounts = NanValueCounts,
            LowerBounds = LowerBounds,
            UpperBounds = UpperBounds,
            SplitOffsets = SplitOffsets,
            SortOrderId = SortOrderId,
        };
    }

    private static Dictionary<int, T>? Copy<T>(IReadOnlyDictionary<int, T>? map) => map?.ToDictionary(kv => kv.Key, kv => kv.Value);
}
