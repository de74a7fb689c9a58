using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// Fast append (Iceberg's <c>AppendFiles</c>): one new manifest holds the added files; the parent's manifests are
/// carried over untouched, so the commit cost does not grow with the table.
/// </summary>
public sealed class AppendFiles : SnapshotUpdate
{
    private readonly List<DataFile> _files = [];
    private IReadOnlyList<ManifestFile>? _newManifests;

    internal AppendFiles(Table table) : base(table) { }

    public AppendFiles AppendFile(DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Content != DataFileContent.Data)
        {
            throw new ArgumentException($"Append takes data files; '{file.FilePath}' is a {file.Content} file (use a row delta).", nameof(file));
        }

        _files.Add(file);
        return this;
    }

    public AppendFiles AppendFileRange(IEnumerable<DataFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var f in files)
        {
            AppendFile(f);
        }

        return this;
    }

    private protected override async Task<SnapshotChanges> ApplyAsync(Table current, IReadOnlyList<ManifestFile> parentManifests, CancellationToken cancellationToken)
    {
        _newManifests ??= await WriteAddedManifestsAsync(current, _files, cancellationToken);
        var (carried, merged) = await ManifestMerge.MergeIfNeededAsync(this, current, parentManifests, cancellationToken);
        return new SnapshotChanges(SnapshotOperation.Append, [.. _newManifests, .. carried], _files, [])
        {
            AttemptFiles = merged,
        };
    }
}
