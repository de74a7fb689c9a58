using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>Pushes every commit made through the silo's catalog to the table's grain, so downstream workflows start at once.</summary>
public sealed class TableCommitObserver(IGrainFactory grains) : ICommitObserver
{
    public Task OnCommittedAsync(TableIdentifier table, string metadataLocation, TableMetadata metadata, CancellationToken cancellationToken)
    {
        var snapshot = metadata.CurrentSnapshot;
        var commit = new TableCommit
        {
            MetadataLocation = metadataLocation,
            SnapshotId = snapshot?.SnapshotId,
            CommittedAt = DateTimeOffset.FromUnixTimeMilliseconds(snapshot?.TimestampMs ?? metadata.LastUpdatedMs),
        };
        return grains.GetGrain<ITableGrain>(table.ToString()).OnCommittedAsync(commit);
    }
}
