using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Iceberg.Scan;

/// <summary>Loads delete files once per scan and answers which rows of a data file they delete.</summary>
internal sealed class DeleteLoader
{
    private readonly IFileIO _io;
    private readonly Schema _rowSchema;
    private readonly Dictionary<string, IReadOnlyDictionary<string, IReadOnlySet<long>>> _positionFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EqualityDeleteSet> _equalityFiles = new(StringComparer.Ordinal);

    public DeleteLoader(IFileIO io, Schema rowSchema)
    {
        _io = io;
        _rowSchema = rowSchema;
    }

    /// <summary>The deleted row positions of the task's data file, or null when none.</summary>
    public async Task<HashSet<long>?> PositionsForAsync(FileScanTask task, CancellationToken cancellationToken)
    {
        HashSet<long>? result = null;
        foreach (var delete in task.Deletes.Where(d => d.Content == DataFileContent.PositionDeletes))
        {
            if (!_positionFiles.TryGetValue(delete.FilePath, out var byPath))
            {
                byPath = await DataFileIO.ReadPositionDeletesAsync(_io, delete, cancellationToken);
                _positionFiles[delete.FilePath] = byPath;
            }

            if (byPath.TryGetValue(task.File.FilePath, out var positions))
            {
                (result ??= []).UnionWith(positions);
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<EqualityDeleteSet>> EqualityForAsync(FileScanTask task, CancellationToken cancellationToken)
    {
        var result = new List<EqualityDeleteSet>();
        foreach (var delete in task.Deletes.Where(d => d.Content == DataFileContent.EqualityDeletes))
        {
            if (!_equalityFiles.TryGetValue(delete.FilePath, out var set))
            {
                set = await DataFileIO.ReadEqualityDeletesAsync(_io, delete, _rowSchema, cancellationToken);
                _equalityFiles[delete.FilePath] = set;
            }

            result.Add(set);
        }

        return result;
    }
}
