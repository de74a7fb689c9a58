using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Iceberg.Scan;

/// <summary>
/// The rows appended between two snapshots (from exclusive, to inclusive), planned from the manifests the snapshots in
/// the range added — the basis of incremental processing: the cost follows the size of the change, not of the table.
/// </summary>
public sealed class IncrementalAppendScan : ScanBase<IncrementalAppendScan>
{
    private long? _from;
    private long? _to;

    internal IncrementalAppendScan(Table table) : base(table) { }

    /// <summary>Starts after this snapshot (exclusive); without it the range starts at the table's first snapshot.</summary>
    public IncrementalAppendScan FromSnapshotExclusive(long? snapshotId)
    {
        _from = snapshotId;
        return this;
    }

    /// <summary>Ends at this snapshot (inclusive); without it, at the current snapshot.</summary>
    public IncrementalAppendScan ToSnapshot(long snapshotId)
    {
        _to = snapshotId;
        return this;
    }

    /// <summary>The snapshots in the range, oldest first.</summary>
    public IReadOnlyList<Snapshot> Snapshots()
    {
        var to = ResolveTo();
        return to is null ? [] : new ScanPlanner(Table.IO, Table.Metadata, RowFilter).SnapshotsBetween(_from, to);
    }

    public override async Task<IReadOnlyList<FileScanTask>> PlanFilesAsync(CancellationToken cancellationToken = default)
    {
        var to = ResolveTo();
        if (to is null)
        {
            return [];
        }

        return await new ScanPlanner(Table.IO, Table.Metadata, RowFilter).PlanAppendsAsync(_from, to, cancellationToken);
    }

    private Snapshot? ResolveTo()
    {
        if (_to is { } to)
        {
            return Table.Metadata.SnapshotById(to)
                ?? throw new ArgumentException($"Snapshot {to} does not exist in table {Table.Identifier}.");
        }

        if (_from is { } from && Table.Metadata.SnapshotById(from) is null)
        {
            throw new ArgumentException($"Snapshot {from} does not exist in table {Table.Identifier} (expired, or never there).");
        }

        return Table.CurrentSnapshot;
    }
}
