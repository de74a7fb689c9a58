using Parquet;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>Settings for writing Parquet data and delete files.</summary>
public sealed record ParquetWriteOptions
{
    public static readonly ParquetWriteOptions Default = new();

    /// <summary>Rows buffered per row group; bounds writer memory and gives readers split points.</summary>
    public int RowGroupSize { get; init; } = 128 * 1024;

    /// <summary>Snappy by default: every engine we target (Spark, DuckDB, hyparquet in JS) reads it.</summary>
    public CompressionMethod Compression { get; init; } = CompressionMethod.Snappy;
}
