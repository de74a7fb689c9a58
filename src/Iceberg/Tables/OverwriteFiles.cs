using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// Replaces or removes whole files (Iceberg's <c>OverwriteFiles</c> / <c>DeleteFiles</c>): manifests holding a removed
/// file are rewritten with that entry marked DELETED; every file to remove must still be in the table when the
/// commit is applied, else the commit fails (a concurrent writer already removed it).
/// </summary>
public sealed class OverwriteFiles : SnapshotUpdate
{
    private readonly List<DataFile> _added = [];
    private readonly HashSet<string> _toDelete = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ManifestFile Rewritten, IReadOnlyList<DataFile> Removed)> _rewrites = new(StringComparer.Ordinal);
    private IReadOnlyList<ManifestFile>? _newManifests;

    internal OverwriteFiles(Table table) : base(table) { }

    public OverwriteFiles AddFile(DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _added.Add(file);
        return this;
    }

    public OverwriteFiles DeleteFile(DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return DeleteFile(file.FilePath);
    }

    public OverwriteFiles DeleteFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _toDelete.Add(path);
        return this;
    }

    private protected override async Task<SnapshotChanges> ApplyAsync(Table current, IReadOnlyList<ManifestFile> parentManifests, CancellationToken cancellationToken)
    {
        var manifests = new List<ManifestFile>();
        var removed = new List<DataFile>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var manifest in parentManifests)
        {
            if (_toDelete.Count == 0 || !(manifest.HasAddedFiles || manifest.HasExistingFiles))
            {
                manifests.Add(manifest);
                continue;
            }

            if (!_rewrites.TryGetValue(manifest.ManifestPath, out var rewrite))
            {
                rewrite = await RewriteAsync(current, manifest, cancellationToken);
                _rewrites[manifest.ManifestPath] = rewrite;
            }

            manifests.Add(rewrite.Rewritten);
            removed.AddRange(rewrite.Removed);
            found.UnionWith(rewrite.Removed.Select(f => f.FilePath));
        }

        var missing = _toDelete.Where(p => !found.Contains(p)).ToArray();
        if (missing.Length > 0)
        {
            throw new CommitFailedException(
                $"Cannot remove {string.Join(", ", missing.Select(p => $"'{p}'"))} from '{current.Identifier}': not in the table's current snapshot (removed by a concurrent commit, or never added).");
        }

        _newManifests ??= await WriteAddedManifestsAsync(current, _added, cancellationToken);
        manifests.InsertRange(0, _newManifests);
        var operation = (_added.Count > 0, _toDelete.Count > 0) switch
        {
            (true, true) => SnapshotOperation.Overwrite,
            (false, true) => SnapshotOperation.Delete,
            _ => SnapshotOperation.Append,
        };
        return new SnapshotChanges(operation, manifests, _added, removed);
    }

    private async Task<(ManifestFile, IReadOnlyList<DataFile>)> RewriteAsync(Table current, ManifestFile manifest, CancellationToken cancellationToken)
    {
        var entries = await ManifestIO.ReadManifestAsync(current.IO, manifest, current.Metadata, cancellationToken);
        var hits = entries.Where(e => e.IsLive && _toDelete.Contains(e.DataFile.FilePath)).ToArray();
        if (hits.Length == 0)
        {
            return (manifest, []);
        }

        var rewritten = entries.Where(e => e.IsLive).Select(e => _toDelete.Contains(e.DataFile.FilePath)
            ? e with { Status = ManifestEntryStatus.Deleted, SnapshotId = SnapshotId }
            : e with { Status = ManifestEntryStatus.Existing });
        var spec = current.Metadata.SpecById(manifest.PartitionSpecId);
        var written = await WriteManifestAsync(current, spec, manifest.Content, rewritten, cancellationToken);
        return (written, hits.Select(e => e.DataFile).ToArray());
    }
}
