using System.Collections.Concurrent;
using OrleansMaestro.Iceberg.DataFiles;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// Makes a view's files readable by DuckDB as local paths. The DuckDB build we ship cannot read S3 (that needs the
/// httpfs extension, which silos without internet cannot download), so object-storage files are copied through the
/// table's <see cref="IFileIO"/> into the shard's scratch folder; local files are read in place. A file with delete
/// files is rewritten: its rows are read through our Parquet reader, the deleted ones (by position or by equality key)
/// are dropped, and the rest written to a scratch Parquet file — so DuckDB never sees a deleted row.
/// </summary>
internal sealed class InputFileLocalizer
{
    private readonly IFileIO _io;
    private readonly string _folder;
    private readonly int _parallelism;
    private readonly ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, IReadOnlySet<long>>>> _positionDeletes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<EqualityDeletes>> _equalityDeletes = new(StringComparer.Ordinal);
    private int _counter;

    public InputFileLocalizer(IFileIO io, string folder, int parallelism)
    {
        _io = io;
        _folder = folder;
        _parallelism = Math.Max(1, parallelism);
    }

    /// <summary>Local paths for the view's files, in order; files whose rows are all deleted are left out.</summary>
    public async Task<IReadOnlyList<string>> LocalizeAsync(SqlShardView view, Schema schema, CancellationToken cancellationToken)
    {
        var paths = new string?[view.Files.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, view.Files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (i, ct) => paths[i] = await LocalizeAsync(view.Files[i], schema, ct));
        return paths.OfType<string>().ToArray();
    }

    private async Task<string?> LocalizeAsync(SqlShardInputFile file, Schema schema, CancellationToken cancellationToken)
    {
        if (file.Deletes.Count > 0)
        {
            return await RewriteWithoutDeletesAsync(file, schema, cancellationToken);
        }

        if (Locations.IsLocal(file.Path))
        {
            return LocalFileIO.ToPath(file.Path);
        }

        var bytes = await _io.ReadAllBytesAsync(file.Path, cancellationToken);
        var local = NextPath();
        await File.WriteAllBytesAsync(local, bytes, cancellationToken);
        return local;
    }

    private async Task<string?> RewriteWithoutDeletesAsync(SqlShardInputFile file, Schema schema, CancellationToken cancellationToken)
    {
        var positions = new HashSet<long>();
        var equality = new List<(int[] Indexes, EqualityDeletes Keys)>();
        foreach (var delete in file.Deletes)
        {
            if (delete.IsEquality)
            {
                var keys = await _equalityDeletes.GetOrAdd(delete.Path, _ => ReadEqualityDeletesAsync(delete, schema, cancellationToken));
                var indexes = delete.EqualityFieldIds.Select(id =>
                {
                    var index = schema.Struct.IndexOf(id);
                    return index >= 0
                        ? index
                        : throw new StepFailedException($"Equality delete file '{delete.Path}' matches on column id {id}, which is not a top-level column of the table's current schema.");
                }).ToArray();
                equality.Add((indexes, keys));
            }
            else
            {
                var byFile = await _positionDeletes.GetOrAdd(delete.Path, p => ReadPositionDeletesAsync(p, cancellationToken));
                if (byFile.TryGetValue(file.Path, out var deleted))
                {
                    positions.UnionWith(deleted);
                }
            }
        }

        var rows = await ParquetDataReader.ReadAsync(await _io.ReadAllBytesAsync(file.Path, cancellationToken), schema, cancellationToken);
        var kept = new List<object?[]>(rows.Count);
        for (var position = 0; position < rows.Count; position++)
        {
            var row = rows[position];
            if (positions.Contains(position) || equality.Any(e => e.Keys.Contains(new StructValue(e.Indexes.Select(i => row[i]).ToArray()))))
            {
                continue;
            }

            kept.Add(row);
        }

        if (kept.Count == 0)
        {
            return null;
        }

        var local = NextPath();
        await using (var output = new FileStream(local, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await ParquetDataWriter.WriteAsync(schema, kept, output, local, cancellationToken: cancellationToken);
        }

        return local;
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlySet<long>>> ReadPositionDeletesAsync(string path, CancellationToken cancellationToken) =>
        await PositionDeleteReader.ReadAsync(await _io.ReadAllBytesAsync(path, cancellationToken), cancellationToken);

    private async Task<EqualityDeletes> ReadEqualityDeletesAsync(SqlShardDeleteFile delete, Schema schema, CancellationToken cancellationToken) =>
        await EqualityDeleteReader.ReadAsync(await _io.ReadAllBytesAsync(delete.Path, cancellationToken), schema, delete.EqualityFieldIds, cancellationToken);

    private string NextPath() => Path.Combine(_folder, $"input-{Interlocked.Increment(ref _counter):D6}.parquet");
}
