using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Scan;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>Reads and writes data and delete files through a table's file IO (the one place the Parquet codec is called).</summary>
internal static class DataFileIO
{
    public static IAsyncEnumerable<object?[]> ReadRowsAsync(IFileIO io, DataFile file, Schema projection, CancellationToken cancellationToken) =>
        throw new NotImplementedException("pending the Parquet codec");

    public static Task<IReadOnlyDictionary<string, HashSet<long>>> ReadPositionDeletesAsync(IFileIO io, DataFile deleteFile, CancellationToken cancellationToken) =>
        throw new NotImplementedException("pending the Parquet codec");

    public static Task<EqualityDeleteSet> ReadEqualityDeletesAsync(IFileIO io, DataFile deleteFile, Schema rowSchema, CancellationToken cancellationToken) =>
        throw new NotImplementedException("pending the Parquet codec");

    /// <summary>Writes rows as a Parquet data file and returns it with its metrics (partition and spec id left to the caller).</summary>
    public static Task<DataFile> WriteDataFileAsync(IFileIO io, string location, Schema schema, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        throw new NotImplementedException("pending the Parquet codec");
}
