using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// Base of the operations that produce a snapshot (append, overwrite, delete, row delta). The snapshot id and
/// the manifests of new files are fixed on the first attempt; each attempt re-reads the table and recomputes
/// what depends on it (the parent's manifests, the sequence number, the manifest list), as Iceberg's Java
/// SnapshotProducer does.
/// </summary>
public abstract class SnapshotUpdate
{
    private readonly Dictionary<string, string> _summary = new(StringComparer.Ordinal);
    private readonly List<string> _writtenManifests = [];
    private int _manifestCount;

    protected SnapshotUpdate(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
        SnapshotId = Random.Shared.NextInt64(1, long.MaxValue);
        CommitId = Guid.NewGuid();
    }

    /// <summary>The id the new snapshot will have.</summary>
    public long SnapshotId { get; }

    protected Table Table { get; }

    protected Guid CommitId { get; }

    /// <summary>Adds a key to the snapshot summary (e.g. <c>maestro.run</c> markers that make a retried commit detectable).</summary>
    public SnapshotUpdate SetSummary(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key == "operation")
        {
            throw new ArgumentException("The 'operation' summary key is set by the operation itself.", nameof(key));
        }

        _summary[key] = value;
        return this;
    }

    /// <summary>Commits the snapshot, retrying against concurrent writers; returns the table as of the new snapshot.</summary>
    public async Task<Table> CommitAsync(CancellationToken cancellationToken = default)
    {
        var catalog = Table.Catalog;
        try
        {
            return await catalog.CommitAsync(Table.Identifier, async (current, attempt, ct) =>
            {
                var metadata = current.Metadata;
                var parent = metadata.CurrentSnapshot;
                var parentManifests = parent is null ? [] : await ManifestIO.ReadManifestListAsync(current.IO, parent.ManifestList, ct);
                var changes = await ApplyAsync(current, parentManifests, ct);
                var sequenceNumber = metadata.LastSequenceNumber + 1;
                var listLocation = TableLocations.ManifestList(metadata.Location, SnapshotId, attempt);
                await ManifestIO.WriteManifestListAsync(current.IO, listLocation, changes.Manifests, SnapshotId, parent?.SnapshotId, sequenceNumber, ct);

                var now = catalog.NowMs();
                var snapshot = new Snapshot
                {
                    SnapshotId = SnapshotId,
                    ParentSnapshotId = parent?.SnapshotId,
                    SequenceNumber = sequenceNumber,
                    TimestampMs = Math.Max(now, parent?.TimestampMs ?? 0),
                    ManifestList = listLocation,
                    Summary = SnapshotSummary.Build(changes.Operation, changes.Added, changes.Removed, parent, _summary),
                    SchemaId = metadata.CurrentSchemaId,
                };
                var updated = TableMetadataBuilder.AddSnapshot(metadata, snapshot) with { LastUpdatedMs = Math.Max(now, metadata.LastUpdatedMs) };
                return new PendingCommit(updated, [listLocation, .. changes.AttemptFiles]);
            }, cancellationToken);
        }
        catch (CommitFailedException)
        {
            await RemoveWrittenManifestsAsync();
            throw;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            await RemoveWrittenManifestsAsync();
            throw;
        }
    }

    /// <summary>Computes this snapshot's manifests from the parent's and the files added and removed.</summary>
    private protected abstract Task<SnapshotChanges> ApplyAsync(Table current, IReadOnlyList<ManifestFile> parentManifests, CancellationToken cancellationToken);

    /// <summary>Writes a manifest of this snapshot's files; manifests are kept across retry attempts.</summary>
    private protected async Task<ManifestFile> WriteManifestAsync(
        Table current, PartitionSpec spec, ManifestContent content, IEnumerable<ManifestEntry> entries, CancellationToken cancellationToken)
    {
        var manifest = await WriteAttemptManifestAsync(current, spec, content, entries, cancellationToken);
        _writtenManifests.Add(manifest.ManifestPath);
        return manifest;
    }

    /// <summary>Writes a manifest that belongs to one attempt only (the caller reports it in <see cref="SnapshotChanges.AttemptFiles"/>).</summary>
    internal async Task<ManifestFile> WriteAttemptManifestAsync(
        Table current, PartitionSpec spec, ManifestContent content, IEnumerable<ManifestEntry> entries, CancellationToken cancellationToken)
    {
        var location = TableLocations.Manifest(current.Location, CommitId, Interlocked.Increment(ref _manifestCount));
        return await ManifestIO.WriteManifestAsync(current.IO, location, current.Schema, spec, content, SnapshotId, entries, cancellationToken);
    }

    /// <summary>One manifest per partition spec of the added files.</summary>
    private protected async Task<IReadOnlyList<ManifestFile>> WriteAddedManifestsAsync(Table current, IReadOnlyList<DataFile> files, CancellationToken cancellationToken)
    {
        var result = new List<ManifestFile>();
        foreach (var group in files.GroupBy(f => (f.SpecId, Deletes: f.Content != DataFileContent.Data)))
        {
            var spec = current.Metadata.SpecById(group.Key.SpecId);
            var entries = group.Select(f => new ManifestEntry(ManifestEntryStatus.Added, SnapshotId, null, null, f));
            result.Add(await WriteManifestAsync(current, spec, group.Key.Deletes ? ManifestContent.Deletes : ManifestContent.Data, entries, cancellationToken));
        }

        return result;
    }

    private async Task RemoveWrittenManifestsAsync()
    {
        foreach (var location in _writtenManifests)
        {
            try
            {
                await Table.IO.DeleteAsync(location, CancellationToken.None);
            }
            catch (IOException)
            {
                // Orphans are harmless: nothing references them.
            }
        }
    }
}
