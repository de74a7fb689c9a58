using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>The two-level pipeline the tests run: raw events -> per-kind counts (incremental) -> per-kind totals.</summary>
internal static class Pipelines
{
    /// <summary>Counts and sums each kind of the events the run's snapshots added, appended to <paramref name="target"/>.</summary>
    public static WorkflowBuilder Aggregate(string id, string source, string target) => new WorkflowBuilder(id)
        .OnTableCommit(source)
        .Sql("aggregate",
            "SELECT kind, count(*) AS n, sum(coalesce(amount, 0)) AS amount FROM events GROUP BY kind",
            target,
            [new SqlInput { Table = source, As = "events", Mode = SqlInputMode.Incremental }]);

    /// <summary>Second level: re-totals the counts the upstream run added.</summary>
    public static WorkflowBuilder Totals(string id, string source, string target) => new WorkflowBuilder(id)
        .OnTableCommit(source)
        .Sql("totals",
            "SELECT kind, sum(n) AS n, sum(amount) AS amount FROM counts GROUP BY kind",
            target,
            [new SqlInput { Table = source, As = "counts", Mode = SqlInputMode.Incremental }]);

    /// <summary>What a full recompute over rows 0..count-1 of <c>SqlWarehouse.Events</c> gives: kind -> (n, amount).</summary>
    public static SortedDictionary<string, (long N, long Amount)> Expected(IEnumerable<int> ids)
    {
        var result = new SortedDictionary<string, (long N, long Amount)>(StringComparer.Ordinal);
        foreach (var row in ids.Select(i => Steps.SqlWarehouse.Events(i, 1)[0]))
        {
            var kind = (string)row[1]!;
            var (n, amount) = result.GetValueOrDefault(kind);
            result[kind] = (n + 1, amount + ((long?)row[2] ?? 0));
        }

        return result;
    }

    /// <summary>Sums a counts table's partial rows per kind (the incremental aggregate as a reader sees it).</summary>
    public static SortedDictionary<string, (long N, long Amount)> Totals(IEnumerable<object?[]> rows)
    {
        var result = new SortedDictionary<string, (long N, long Amount)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var kind = (string)row[0]!;
            var (n, amount) = result.GetValueOrDefault(kind);
            result[kind] = (n + Convert.ToInt64(row[1]), amount + Convert.ToInt64(row[2]));
        }

        return result;
    }
}
