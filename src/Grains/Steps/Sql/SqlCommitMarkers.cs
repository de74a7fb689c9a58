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
}
