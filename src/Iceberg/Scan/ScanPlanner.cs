using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Iceberg.Scan;

/// <summary>
/// Plans scans from metadata alone: manifest list → manifests (pruned by partition summaries) → entries (pruned by
/// partition values and column metrics). Storage is never listed.
/// </summary>
internal sealed class ScanPlanner
{
    private readonly IFileIO _io;
    private readonly TableMetadata _metadata;
    private readonly ScanFilter _filter;

    public ScanPlanner(IFileIO io, TableMetadata metadata, ScanFilter filter)
    {
        _io = io;
        _metadata = metadata;
        _filter = filter;
    }

    /// <summary>All live data files of a snapshot, with their deletes.</summary>
    public async Task<IReadOnlyList<FileScanTask>> PlanSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        var manifests = await ManifestIO.ReadManifestListAsync(_io, snapshot.ManifestList, cancellationToken);
        var deletes = await IndexDeletesAsync(manifests, cancellationToken);
        var tasks = new List<FileScanTask>();
        foreach (var manifest in manifests.Where(m => m.Content == ManifestContent.Data))
        {
            if (!_filter.MayMatch(manifest))
            {
                continue;
            }

            foreach (var entry in await ManifestIO.ReadManifestAsync(_io, manifest, _metadata, cancellationToken))
            {
                if (entry.IsLive && _filter.MayMatch(entry.DataFile))
                {
                    var sequence = entry.SequenceNumber ?? 0;
                    tasks.Add(new FileScanTask(entry.DataFile, sequence, entry.SnapshotId ?? manifest.AddedSnapshotId, deletes.For(entry.DataFile, sequence)));
                }
            }
        }

        return tasks;
    }

    /// <summary>
    /// The data files that the append snapshots in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>] added,
    /// found through the manifests each of those snapshots added (never by listing storage). Deletes are those live at
    /// <paramref name="toInclusive"/>.
    /// </summary>
    public async Task<IReadOnlyList<FileScanTask>> PlanAppendsAsync(long? fromExclusive, Snapshot toInclusive, CancellationToken cancellationToken)
    {
        var range = SnapshotsBetween(fromExclusive, toInclusive);
        var appends = range.Where(s => s.Operation == SnapshotOperation.Append).Select(s => s.SnapshotId).ToHashSet();
        var tasks = new List<FileScanTask>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        DeleteFileIndex? deletes = null;
        foreach (var snapshot in range.Where(s => appends.Contains(s.SnapshotId)))
        {
            var manifests = await ManifestIO.ReadManifestListAsync(_io, snapshot.ManifestList, cancellationToken);
            if (snapshot.SnapshotId == toInclusive.SnapshotId)
            {
                deletes = await IndexDeletesAsync(manifests, cancellationToken);
            }

            foreach (var manifest in manifests.Where(m => m.Content == ManifestContent.Data && m.AddedSnapshotId == snapshot.SnapshotId && m.HasAddedFiles))
            {
                if (!seen.Add(manifest.ManifestPath) || !_filter.MayMatch(manifest))
                {
                    continue;
                }

                foreach (var entry in await ManifestIO.ReadManifestAsync(_io, manifest, _metadata, cancellationToken))
                {
                    if (entry.Status == ManifestEntryStatus.Added && entry.SnapshotId == snapshot.SnapshotId && _filter.MayMatch(entry.DataFile))
                    {
                        tasks.Add(new FileScanTask(entry.DataFile, entry.SequenceNumber ?? 0, snapshot.SnapshotId, []));
                    }
                }
            }
        }

        if (deletes is null && range.Count > 0)
        {
            deletes = await IndexDeletesAsync(await ManifestIO.ReadManifestListAsync(_io, toInclusive.ManifestList, cancellationToken), cancellationToken);
        }

        return deletes is null || deletes.IsEmpty
            ? tasks
            : tasks.Select(t => t with { Deletes = deletes.For(t.File, t.DataSequenceNumber) }).ToArray();
    }

    /// <summary>The snapshots after <paramref name="fromExclusive"/> up to and including <paramref name="toInclusive"/>, oldest first.</summary>
    public IReadOnlyList<Snapshot> SnapshotsBetween(long? fromExclusive, Snapshot toInclusive)
    {
        var result = new List<Snapshot>();
        foreach (var snapshot in _metadata.Ancestors(toInclusive.SnapshotId))
        {
            if (snapshot.SnapshotId == fromExclusive)
            {
                result.Reverse();
                return result;
            }

            result.Add(snapshot);
        }

        if (fromExclusive is { } from)
        {
            throw new ArgumentException(_metadata.SnapshotById(from) is null
                ? $"Snapshot {from} does not exist in the table (expired, or never there)."
                : $"Snapshot {from} is not an ancestor of snapshot {toInclusive.SnapshotId}: an incremental scan needs a range on one line of history.");
        }

        result.Reverse();
        return result;
    }

    private async Task<DeleteFileIndex> IndexDeletesAsync(IReadOnlyList<ManifestFile> manifests, CancellationToken cancellationToken)
    {
        var index = new DeleteFileIndex(_metadata);
        foreach (var manifest in manifests.Where(m => m.Content == ManifestContent.Deletes))
        {
            foreach (var entry in await ManifestIO.ReadManifestAsync(_io, manifest, _metadata, cancellationToken))
            {
                if (entry.IsLive)
                {
                    index.Add(entry);
                }
            }
        }

        return index;
    }
}
