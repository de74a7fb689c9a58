using System.Diagnostics;
using System.Globalization;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Orchestration.Bench;

/// <summary>
/// Commits to raw.events one at a time and follows each through the pipeline: the aggregate run that consumed it
/// (commit -> run start) and the second-level commit built on that run's output (commit -> second-level commit).
/// The baseline is the commit itself (one append through the catalog), measured in the same process.
/// </summary>
internal static class LatencyBench
{
    public sealed record Result(IReadOnlyList<double> CommitMs, IReadOnlyList<double> ToRunStartMs, IReadOnlyList<double> ToSecondLevelMs, int Runs);

    public static async Task<Result> RunAsync(BenchSilo silo, int commits, TimeSpan interval, int rowsPerCommit, CancellationToken cancellationToken)
    {
        await silo.CreateEventsAsync("raw.events");
        await silo.PutAsync(Aggregate("aggregate", "raw.events", "agg.counts", SqlInputMode.Incremental).Build());
        // The second level needs its source to exist: the first commit creates agg.counts through the aggregate's run.
        var commitTimes = new List<double>();
        var raw = new List<Snapshot>();
        long next = 0;
        for (var i = 0; i < commits; i++)
        {
            var watch = Stopwatch.StartNew();
            var table = await silo.AppendAsync("raw.events", next, rowsPerCommit);
            commitTimes.Add(watch.Elapsed.TotalMilliseconds);
            raw.Add(table.CurrentSnapshot!);
            next += rowsPerCommit;
            if (i == 0)
            {
                await silo.WaitForIdleAsync("aggregate", cancellationToken);
                await silo.PutAsync(Totals("totals", "agg.counts", "agg.totals").Build());
                await silo.WaitForIdleAsync("totals", cancellationToken);
            }

            await Task.Delay(interval, cancellationToken);
        }

        await silo.WaitForIdleAsync("aggregate", cancellationToken);
        await silo.WaitForIdleAsync("totals", cancellationToken);

        var aggregateRuns = await RunsAsync(silo, "aggregate", cancellationToken);
        var totalsRuns = await RunsAsync(silo, "totals", cancellationToken);
        var counts = await silo.Catalog.LoadTableAsync(TableIdentifier.Parse("agg.counts"), cancellationToken);
        var totals = await silo.Catalog.LoadTableAsync(TableIdentifier.Parse("agg.totals"), cancellationToken);
        var rawLine = raw.Select(s => s.SnapshotId).ToList();
        var countsLine = counts.Metadata.Ancestors().Reverse().Select(s => s.SnapshotId).ToList();

        var toStart = new List<double>();
        var toSecond = new List<double>();
        // The first commit is excluded: the second level did not exist yet when it was made.
        foreach (var snapshot in raw.Skip(1))
        {
            var committedAt = DateTimeOffset.FromUnixTimeMilliseconds(snapshot.TimestampMs);
            var run = aggregateRuns.First(r => Covers(r.Sources.Single(), rawLine, snapshot.SnapshotId));
            toStart.Add((run.StartedAt!.Value - committedAt).TotalMilliseconds);

            var produced = long.Parse(run.Steps.Single().Outputs["snapshot-id"], CultureInfo.InvariantCulture);
            var second = totalsRuns.First(r => Covers(r.Sources.Single(), countsLine, produced));
            var secondSnapshot = totals.Metadata.SnapshotById(long.Parse(second.Steps.Single().Outputs["snapshot-id"], CultureInfo.InvariantCulture))!;
            toSecond.Add(secondSnapshot.TimestampMs - snapshot.TimestampMs);
        }

        await CheckTotalsAsync(silo, next, cancellationToken);
        return new Result(commitTimes, toStart, toSecond, aggregateRuns.Count);
    }

    /// <summary>Whether <paramref name="snapshot"/> is in the range, positions taken from the table's line of history.</summary>
    private static bool Covers(SnapshotRange range, List<long> line, long snapshot)
    {
        var position = line.IndexOf(snapshot);
        var from = range.FromExclusive is { } f ? line.IndexOf(f) : -1;
        var to = range.ToInclusive is { } t ? line.IndexOf(t) : -1;
        return position > from && position <= to;
    }

    private static async Task<IReadOnlyList<RunInfo>> RunsAsync(BenchSilo silo, string workflowId, CancellationToken cancellationToken)
    {
        var info = await silo.Grains.GetGrain<Abstractions.Grains.IWorkflowGrain>(workflowId).GetAsync();
        var runs = new List<RunInfo>();
        for (var n = 1L; n <= info!.LastRunNumber; n++)
        {
            runs.Add(await silo.WaitForRunAsync(workflowId, n, cancellationToken));
        }

        return runs;
    }

    /// <summary>A benchmark of a broken pipeline proves nothing: the second level must hold exactly every row.</summary>
    private static async Task CheckTotalsAsync(BenchSilo silo, long rows, CancellationToken cancellationToken)
    {
        long sum = 0;
        await foreach (var row in (await silo.Catalog.LoadTableAsync(TableIdentifier.Parse("agg.totals"), cancellationToken)).NewScan().ReadRowsAsync(cancellationToken))
        {
            sum += Convert.ToInt64(row[1], CultureInfo.InvariantCulture);
        }

        if (sum != rows)
        {
            throw new InvalidOperationException($"agg.totals counts {sum} rows, raw.events has {rows}.");
        }
    }

    public static WorkflowBuilder Aggregate(string id, string source, string target, SqlInputMode mode) => new WorkflowBuilder(id)
        .OnTableCommit(source)
        .Sql("aggregate", "SELECT kind, count(*) AS n, sum(amount) AS amount FROM events GROUP BY kind", target,
            [new SqlInput { Table = source, As = "events", Mode = mode }]);

    private static WorkflowBuilder Totals(string id, string source, string target) => new WorkflowBuilder(id)
        .OnTableCommit(source)
        .Sql("totals", "SELECT kind, sum(n) AS n, sum(amount) AS amount FROM counts GROUP BY kind", target,
            [new SqlInput { Table = source, As = "counts", Mode = SqlInputMode.Incremental }]);
}
