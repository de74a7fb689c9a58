namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>The rows of one row group; row i has file position <see cref="FirstRowPosition"/> + i (for position deletes).</summary>
public sealed record ParquetRowBatch(long FirstRowPosition, IReadOnlyList<object?[]> Rows);
