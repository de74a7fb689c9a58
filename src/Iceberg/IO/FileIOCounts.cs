namespace OrleansMaestro.Iceberg.IO;

/// <summary>A point-in-time copy of <see cref="CountingFileIO"/>'s counters (calls started, including ones that failed).</summary>
public readonly record struct FileIOCounts(
    long Reads,
    long RangeReads,
    long LengthCalls,
    long ExistsCalls,
    long Writes,
    long Deletes,
    long BytesRead,
    long BytesWritten)
{
    /// <summary>Every call that touched storage.</summary>
    public long TotalCalls => Reads + RangeReads + LengthCalls + ExistsCalls + Writes + Deletes;
}
