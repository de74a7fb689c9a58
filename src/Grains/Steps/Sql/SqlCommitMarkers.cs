using System.Globalization;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// The snapshot summary keys a SQL step's commit carries. Workflow + run + step identify the logical write: a later
/// attempt (a retry, or a duplicate after a silo failure) that finds a snapshot with the same three does not commit
/// again — that is what makes the step's effect exactly-once.
/// </summary>
public static class SqlCommitMarkers
{
    public const string Workflow = "maestro.workflow";
    public const string Run = "maestro.run";
    public const string Step = "maestro.step";
    public const string Sources = "maestro.sources";
    public const string Attempt = "maestro.attempt";
    public const string Shards = "maestro.shards";

    public static IReadOnlyDictionary<string, string> For(StepWork work, int shards)
    {
        ArgumentNullException.ThrowIfNull(work);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Workflow] = work.WorkflowId,
            [Run] = work.RunNumber.ToString(CultureInfo.InvariantCulture),
            [Step] = work.Step.Id,
            [Sources] = SnapshotRangesJson.Serialize(work.Sources),
            [Attempt] = work.Attempt.ToString(CultureInfo.InvariantCulture),
            [Shards] = shards.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The snapshot in the table's history (current snapshot and its ancestors) that this work already committed, or null.</summary>
    public static Snapshot? FindCommitted(Table table, StepWork work)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(work);
        var run = work.RunNumber.ToString(CultureInfo.InvariantCulture);
        return table.Metadata.Ancestors().FirstOrDefault(s =>
            s.Summary.TryGetValue(Workflow, out var w) && w == work.WorkflowId
            && s.Summary.TryGetValue(Run, out var r) && r == run
            && s.Summary.TryGetValue(Step, out var st) && st == work.Step.Id);
    }

    /// <summary>
    /// The work's source ranges minus what earlier runs of the same workflow already committed for the same step, and
    /// the snapshots of those commits. A run that failed after its SQL step committed, or a last-only run that was
    /// superseded after committing, leaves its range unconsumed in the workflow's watermark; the next run covers that
    /// range again, and this is where it learns to start after it. Only prefixes are skipped: an earlier commit counts
    /// when its ranges start where the work's do and end at an ancestor (or the end) of the work's ends.
    /// </summary>
    /// <param name="target">The step's target table, as loaded now.</param>
    /// <param name="work">The attempt, with the run's source ranges.</param>
    /// <param name="isAncestorOrSelf">(table, candidate, of): whether snapshot <c>candidate</c> is <c>of</c> or one of its ancestors.</param>
    public static (IReadOnlyList<SnapshotRange> Remaining, IReadOnlyList<Snapshot> CommittedBefore) SkipCommittedPrefix(
        Table target, StepWork work, Func<string, long, long, bool> isAncestorOrSelf)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(isAncestorOrSelf);
        var run = work.RunNumber.ToString(CultureInfo.InvariantCulture);
        var earlier = target.Metadata.Ancestors()
            .Where(s => s.Summary.TryGetValue(Workflow, out var w) && w == work.WorkflowId
                && s.Summary.TryGetValue(Step, out var st) && st == work.Step.Id
                && !(s.Summary.TryGetValue(Run, out var r) && r == run))
            .Select(s => (Snapshot: s, Ranges: s.Summary.TryGetValue(Sources, out var json) ? SnapshotRangesJson.TryDeserialize(json) : null))
            .Where(c => c.Ranges is not null)
            .Reverse() // oldest first: prefixes chain in commit order
            .ToList();

        var remaining = work.Sources.ToList();
        var used = new List<Snapshot>();
        for (var progressed = true; progressed;)
        {
            progressed = false;
            foreach (var (snapshot, ranges) in earlier)
            {
                if (!used.Contains(snapshot) && IsPrefix(ranges!, remaining, isAncestorOrSelf))
                {
                    remaining = remaining.Select(r => r with { FromExclusive = ranges!.First(m => m.Table == r.Table).ToInclusive }).ToList();
                    used.Add(snapshot);
                    progressed = true;
                }
            }
        }

        return (remaining, used);
    }

    private static bool IsPrefix(IReadOnlyList<SnapshotRange> committed, IReadOnlyList<SnapshotRange> work, Func<string, long, long, bool> isAncestorOrSelf)
    {
        if (committed.Count != work.Count || committed.All(c => c.IsEmpty))
        {
            return false;
        }

        foreach (var range in work)
        {
            var done = committed.FirstOrDefault(c => c.Table == range.Table);
            if (done is null || done.FromExclusive != range.FromExclusive)
            {
                return false;
            }

            if (done.ToInclusive != range.ToInclusive
                && (done.ToInclusive is not { } doneTo || range.ToInclusive is not { } workTo || !isAncestorOrSelf(range.Table, doneTo, workTo)))
            {
                return false;
            }
        }

        return true;
    }
}
