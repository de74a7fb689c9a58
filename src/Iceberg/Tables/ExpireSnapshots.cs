using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// Removes old snapshots from the metadata and then deletes the files only they referenced (manifest lists,
/// manifests, data files no live entry of a remaining snapshot uses). Files are deleted only after the metadata
/// commit landed, so a crash in between leaves orphans (harmless), never a table pointing at missing files.
/// </summary>
public sealed class ExpireSnapshots
{
    private readonly Table _table;
    private readonly HashSet<long> _ids = [];
    private DateTimeOffset? _olderThan;
    private int _retainLast = 1;

    internal ExpireSnapshots(Table table)
    {
        _table = table;
    }

    /// <summary>Expires snapshots committed before this time (always keeping the current one and <see cref="RetainLast"/>).</summary>
    public ExpireSnapshots ExpireOlderThan(DateTimeOffset timestamp)
    {
        _olderThan = timestamp;
        return this;
    }

    /// <summary>Keeps at least this many most recent ancestors of the current snapshot (default 1).</summary>
    public ExpireSnapshots RetainLast(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _retainLast = count;
        return this;
    }

    public ExpireSnapshots ExpireSnapshotId(long snapshotId)
    {
        _ids.Add(snapshotId);
        return this;
    }

    /// <summary>Commits the expiry and deletes the unreferenced files; returns the table and the deleted file locations.</summary>
    public async Task<(Table Table, IReadOnlyList<string> DeletedFiles)> CommitAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Snapshot> removed = [];
        var committed = await _table.Catalog.CommitAsync(_table.Identifier, (current, _, _) =>
        {
            var metadata = current.Metadata;
            var keep = metadata.Ancestors().Take(_retainLast).Select(s => s.SnapshotId).ToHashSet();
            keep.UnionWith(metadata.Refs.Values.Select(r => r.SnapshotId));
            var toRemove = metadata.Snapshots
                .Where(s => !keep.Contains(s.SnapshotId))
                .Where(s => _ids.Contains(s.SnapshotId) || (_olderThan is { } t && s.TimestampMs < t.ToUnixTimeMilliseconds()))
                .ToArray();
            var explicitlyKept = _ids.Where(keep.Contains).ToArray();
            if (explicitlyKept.Length > 0)
            {
                throw new ArgumentException($"Cannot expire snapshot(s) {string.Join(", ", explicitlyKept)}: current, retained or referenced by a branch or tag.");
            }

            removed = toRemove;
            var updated = TableMetadataBuilder.RemoveSnapshots(metadata, toRemove.Select(s => s.SnapshotId).ToHashSet(), current.Catalog.NowMs());
            return Task.FromResult(new PendingCommit(updated, []));
        }, cancellationToken);

        var deleted = await DeleteUnreachableFilesAsync(committed, removed, cancellationToken);
        return (committed, deleted);
    }

    private static async Task<IReadOnlyList<string>> DeleteUnreachableFilesAsync(Table table, IReadOnlyList<Snapshot> removed, CancellationToken cancellationToken)
    {
        if (removed.Count == 0)
        {
            return [];
        }

        var io = table.IO;
        var liveManifests = new Dictionary<string, ManifestFile>(StringComparer.Ordinal);
        foreach (var snapshot in table.Metadata.Snapshots)
        {
            foreach (var m in await ManifestIO.ReadManifestListAsync(io, snapshot.ManifestList, cancellationToken))
            {
                liveManifests.TryAdd(m.ManifestPath, m);
            }
        }

        var liveFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in liveManifests.Values)
        {
            foreach (var e in await ManifestIO.ReadManifestAsync(io, m, table.Metadata, cancellationToken))
            {
                if (e.IsLive)
                {
                    liveFiles.Add(e.DataFile.FilePath);
                }
            }
        }

        var toDelete = new List<string>();
        var seenManifests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var snapshot in removed)
        {
            toDelete.Add(snapshot.ManifestList);
            IReadOnlyList<ManifestFile> manifests;
            try
            {
                manifests = await ManifestIO.ReadManifestListAsync(io, snapshot.ManifestList, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                continue; // Removed by an earlier, interrupted expiry.
            }

            foreach (var m in manifests.Where(m => !liveManifests.ContainsKey(m.ManifestPath) && seenManifests.Add(m.ManifestPath)))
            {
                toDelete.Add(m.ManifestPath);
                foreach (var e in await ManifestIO.ReadManifestAsync(io, m, table.Metadata, cancellationToken))
                {
                    if (!liveFiles.Contains(e.DataFile.FilePath))
                    {
                        toDelete.Add(e.DataFile.FilePath);
                    }
                }
            }
        }

        var distinct = toDelete.Distinct(StringComparer.Ordinal).ToArray();
        foreach (var location in distinct)
        {
            await io.DeleteAsync(location, cancellationToken);
        }

        return distinct;
    }
}
