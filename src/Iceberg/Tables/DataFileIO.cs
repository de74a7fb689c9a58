using System.Runtime.CompilerServices;
using OrleansMaestro.Iceberg.DataFiles;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Scan;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>Reads and writes data and delete files through a table's file IO (the one place the Parquet codec is called).</summary>
internal static class DataFileIO
{
    /// <summary>
    /// Reads a data file's rows in file order (a row's index is its position, as position deletes need). A file without
    /// field ids (imported by Spark's add_files or migrate) is matched through the table's <paramref name="nameMapping"/>;
    /// columns a file lacks take its identity partition values from <paramref name="spec"/>, as Hive-layout files keep
    /// partition columns only in their path (spec: "Column Projection").
    /// </summary>
    public static async IAsyncEnumerable<object?[]> ReadRowsAsync(
        IFileIO io, DataFile file, Schema projection, PartitionSpec spec, NameMapping? nameMapping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new ParquetReadOptions { NameMapping = nameMapping, MissingColumnValues = IdentityPartitionValues(file, spec) };

        // One GET per file: the planner already chose the files, and Parquet needs the footer and most column chunks anyway.
        var bytes = await io.ReadAllBytesAsync(file.FilePath, cancellationToken);
        using var stream = new MemoryStream(bytes, writable: false);
        await foreach (var batch in ParquetDataReader.ReadBatchesAsync(stream, projection, options, cancellationToken))
        {
            foreach (var row in batch.Rows)
            {
                yield return row;
            }
        }
    }

    /// <summary>The file's identity partition values by source field id.</summary>
    private static Dictionary<int, object?> IdentityPartitionValues(DataFile file, PartitionSpec spec)
    {
        var values = new Dictionary<int, object?>();
        for (var i = 0; i < spec.Fields.Count && i < file.Partition.Count; i++)
        {
            if (spec.Fields[i].Transform is IdentityTransform)
            {
                values.TryAdd(spec.Fields[i].SourceId, file.Partition[i]);
            }
        }

        return values;
    }

    public static async Task<IReadOnlyDictionary<string, IReadOnlySet<long>>> ReadPositionDeletesAsync(IFileIO io, DataFile deleteFile, CancellationToken cancellationToken)
    {
        var bytes = await io.ReadAllBytesAsync(deleteFile.FilePath, cancellationToken);
        return await PositionDeleteReader.ReadAsync(bytes, cancellationToken);
    }

    /// <summary>Reads an equality delete file's keys, typed by <paramref name="rowSchema"/> and matched against its columns.</summary>
    public static async Task<EqualityDeleteSet> ReadEqualityDeletesAsync(IFileIO io, DataFile deleteFile, Schema rowSchema, CancellationToken cancellationToken)
    {
        var ids = deleteFile.EqualityIds is { Count: > 0 } e
            ? e
            : throw new InvalidDataException($"Equality delete file {deleteFile.FilePath} has no equality_ids.");
        var indexes = ids.Select(id =>
        {
            var index = rowSchema.Struct.IndexOf(id);
            return index >= 0 ? index : throw new InvalidOperationException($"Equality delete column {id} of {deleteFile.FilePath} is not in the scan's read schema.");
        }).ToArray();
        var bytes = await io.ReadAllBytesAsync(deleteFile.FilePath, cancellationToken);
        var deletes = await EqualityDeleteReader.ReadAsync(bytes, rowSchema, ids, cancellationToken);
        return new EqualityDeleteSet(indexes, deletes.Keys);
    }

    /// <summary>Writes rows as a Parquet data file and returns it with its metrics (partition and spec id left to the caller).</summary>
    public static Task<DataFile> WriteDataFileAsync(IFileIO io, string location, Schema schema, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken) =>
        WriteParquetAsync(io, location, buffer => ParquetDataWriter.WriteAsync(schema, rows, buffer, location, cancellationToken: cancellationToken), cancellationToken);

    /// <summary>
    /// Runs a Parquet writer (data or delete file) into memory, then stores the bytes in one atomic write, so a reader
    /// never sees a partial file at <paramref name="location"/>.
    /// </summary>
    public static async Task<DataFile> WriteParquetAsync(IFileIO io, string location, Func<Stream, Task<DataFile>> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var file = await write(buffer);
        await io.WriteAllBytesAsync(location, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        return file;
    }
}
