using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Silo.Demo;

/// <summary>Whether a run's snapshot range covers a snapshot. Snapshot ids are random, so only the parent chain orders them.</summary>
internal static class SnapshotLineage
{
    public static bool Covers(IReadOnlyDictionary<long, Snapshot> snapshots, SnapshotRange? range, long snapshotId)
    {
        if (range is null)
        {
            return false;
        }

        for (var current = range.ToInclusive; current is { } id && id != range.FromExclusive;
             current = snapshots.TryGetValue(id, out var snapshot) ? snapshot.ParentSnapshotId : null)
        {
            if (id == snapshotId)
            {
                return true;
            }
        }

        return false;
    }

    public static SnapshotRange? RangeOf(RunInfo run, string table) => run.Sources.FirstOrDefault(s => s.Table == table);
}
