using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// Adds data files and position/equality delete files in one snapshot (Iceberg's <c>RowDelta</c>), the way
/// Spark and Iceberg Java write row-level updates and deletes.
/// </summary>
public sealed class RowDelta : SnapshotUpdate
{
    private readonly List<DataFile> _files = [];
    private IReadOnlyList<ManifestFile>? _newManifests;

    internal RowDelta(Table table) : base(table) { }

    public RowDelta AddRows(DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Content != DataFileContent.Data)
        {
            throw new ArgumentException($"'{file.FilePath}' is a delete file; use AddDeletes.", nameof(file));
        }

        _files.Add(file);
        return this;
    }

    public RowDelta AddDeletes(DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Content == DataFileContent.Data)
        {
            throw new ArgumentException($"'{file.FilePath}' is a data file; use AddRows.", nameof(file));
        }

        _files.Add(file);
        return this;
    }

    private protected override async Task<SnapshotChanges> ApplyAsync(Table current, IReadOnlyList<ManifestFile> parentManifests, CancellationToken cancellationToken)
    {
        _newManifests ??= await WriteAddedManifestsAsync(current, _files, cancellationToken);
        var operation = _files.Any(f => f.Content != DataFileContent.Data)
            ? (_files.Any(f => f.Content == DataFileContent.Data) ? SnapshotOperation.Overwrite : SnapshotOperation.Delete)
            : SnapshotOperation.Append;
        return new SnapshotChanges(operation, [.. _newManifests, .. parentManifests], _files, []);
    }
}
