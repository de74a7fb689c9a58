using System.Globalization;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Orchestration.Bench;

/// <summary>
/// The same change (one append) to a table and to a 10x larger one: the incremental aggregate's step time should stay
/// flat, while a full recompute's grows with the table. Both step times come from the run grains (attempt start to
/// finish), medians of a few repetitions.
/// </summary>
internal static class CostBench
{
    public sealed record Result(string Table, long Rows, double IncrementalMs, double FullMs, long InputFilesIncremental, long InputFilesFull);

    public static async Task<Result> RunAsync(BenchSilo silo, string name, int files, int rowsPerFile, int changeRows, int repetitions, CancellationToken cancellationToken)
    {
        var table = $"raw.{name}";
        await silo.CreateEventsAsync(table);
        long next = 0;
        for (var i = 0; i < files; i++)
        {
            await silo.AppendAsync(table, next, rowsPerFile);
            next += rowsPerFile;
        }

        // The incremental workflow catches up with the initial load first; only the later, equal changes are timed.
        var incremental = $"inc-{name}";
        await silo.PutAsync(LatencyBench.Aggregate(incremental, table, $"agg.inc_{name}", SqlInputMode.Incremental).Build());
        await silo.WaitForIdleAsync(incremental, cancellationToken);
        var full = $"full-{name}";
        await silo.PutAsync(new WorkflowBuilder(full).OnManual()
            .Sql("aggregate", "SELECT kind, count(*) AS n, sum(amount) AS amount FROM events GROUP BY kind", $"agg.full_{name}",
                [new SqlInput { Table = table, As = "events", Mode = SqlInputMode.Full }])
            .Build());

        var incrementalMs = new List<double>();
        var fullMs = new List<double>();
        long incrementalFiles = 0, fullFiles = 0;
        for (var i = 0; i < repetitions; i++)
        {
            await silo.AppendAsync(table, next, changeRows);
            next += changeRows;
            var info = await silo.WaitForIdleAsync(incremental, cancellationToken);
            var run = await silo.WaitForRunAsync(incremental, info.LastRunNumber, cancellationToken);
            incrementalMs.Add(StepMs(run));
            incrementalFiles = InputFiles(run);

            var fullRun = await silo.Grains.GetGrain<IWorkflowGrain>(full).StartRunAsync(new RunRequest());
            var done = await silo.WaitForRunAsync(full, fullRun, cancellationToken);
            fullMs.Add(StepMs(done));
            fullFiles = InputFiles(done);
            var rows = long.Parse(done.Steps.Single().Outputs["rows"], CultureInfo.InvariantCulture);
            if (rows != 8)
            {
                throw new InvalidOperationException($"the full recompute of {table} returned {rows} groups, expected 8.");
            }
        }

        return new Result(table, next, Percentiles.Median(incrementalMs), Percentiles.Median(fullMs), incrementalFiles, fullFiles);
    }

    private static double StepMs(RunInfo run)
    {
        var step = run.Steps.Single();
        return (step.FinishedAt!.Value - step.StartedAt!.Value).TotalMilliseconds;
    }

    private static long InputFiles(RunInfo run) => long.Parse(run.Steps.Single().Outputs["input-files"], CultureInfo.InvariantCulture);
}
