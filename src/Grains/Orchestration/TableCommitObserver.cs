using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Grains.Telemetry;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>Pushes every commit made through the silo's catalog to the table's grain, so downstream workflows start at once.</summary>
public sealed class TableCommitObserver(IGrainFactory grains, MaestroTelemetry? telemetry = null) : ICommitObserver
{
    public async Task OnCommittedAsync(TableIdentifier table, string metadataLocation, TableMetadata metadata, CancellationToken cancellationToken)
    {
        var snapshot = metadata.CurrentSnapshot;
        var commit = new TableCommit
        {
            MetadataLocation = metadataLocation,
            SnapshotId = snapshot?.SnapshotId,
            CommittedAt = DateTimeOffset.FromUnixTimeMilliseconds(snapshot?.TimestampMs ?? metadata.LastUpdatedMs),
        };
        // The commit's span: a child of the step that committed (if any); the grain call carries it on to the signals.
        using var activity = telemetry?.StartCommit(table.ToString(), snapshot?.SnapshotId);
        await grains.GetGrain<ITableGrain>(table.ToString()).OnCommittedAsync(commit);
    }
}
