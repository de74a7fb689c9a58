using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Iceberg.Scan;

/// <summary>A scan of a table at one snapshot (the current one unless <see cref="UseSnapshot"/>).</summary>
public sealed class TableScan : ScanBase<TableScan>
{
    private long? _snapshotId;

    internal TableScan(Table table) : base(table) { }

    public TableScan UseSnapshot(long snapshotId)
    {
        if (Table.Metadata.SnapshotById(snapshotId) is null)
        {
            throw new ArgumentException($"Snapshot {snapshotId} does not exist in table {Table.Identifier}.", nameof(snapshotId));
        }

        _snapshotId = snapshotId;
        return this;
    }

    public override async Task<IReadOnlyList<FileScanTask>> PlanFilesAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshotId is { } id ? Table.Metadata.SnapshotById(id)! : Table.CurrentSnapshot;
        if (snapshot is null)
        {
            return [];
        }

        return await new ScanPlanner(Table.IO, Table.Metadata, RowFilter).PlanSnapshotAsync(snapshot, cancellationToken);
    }
}
