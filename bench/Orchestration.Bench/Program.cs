using System.CommandLine;
using System.Globalization;
using OrleansMaestro.Orchestration.Bench;

// Prints the figures recorded in bench/RESULTS.md. Absolute numbers depend on the machine; compare the ratios.
var commits = new Option<int>("--commits") { Description = "Commits followed through the two-level pipeline.", DefaultValueFactory = _ => 60 };
var intervalMs = new Option<int>("--interval-ms") { Description = "Pause between those commits.", DefaultValueFactory = _ => 250 };
var files = new Option<int>("--files") { Description = "Files of the smaller table in the cost comparison (the larger has 10x).", DefaultValueFactory = _ => 10 };
var rowsPerFile = new Option<int>("--rows-per-file") { Description = "Rows per file of those tables.", DefaultValueFactory = _ => 20_000 };
var root = new RootCommand("Orchestration benchmark: commit-to-run delays along a two-level pipeline, incremental vs full cost on a 10x table.")
{
    commits, intervalMs, files, rowsPerFile,
};
root.SetAction(async (result, cancellationToken) =>
{
    if (result.GetValue(commits) < 3 || result.GetValue(intervalMs) < 0 || result.GetValue(files) < 1 || result.GetValue(rowsPerFile) < 1)
    {
        Console.Error.WriteLine("error: --commits must be at least 3, --interval-ms at least 0, --files and --rows-per-file at least 1.");
        return 2;
    }

    await using var silo = await BenchSilo.StartAsync();
    string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    var latency = await LatencyBench.RunAsync(silo, result.GetValue(commits), TimeSpan.FromMilliseconds(result.GetValue(intervalMs)), 1000, cancellationToken);
    var commitMs = Percentiles.Median(latency.CommitMs);
    Console.WriteLine($"== latency, {latency.CommitMs.Count} commits of 1,000 rows every {result.GetValue(intervalMs)} ms -> {latency.Runs} aggregate runs");
    Console.WriteLine($"baseline: one append commit through the catalog   p50 {F(commitMs),8} ms");
    Console.WriteLine($"commit -> downstream run start                    p50 {F(Percentiles.Of(latency.ToRunStartMs, 50)),8} ms   p99 {F(Percentiles.Of(latency.ToRunStartMs, 99)),8} ms");
    Console.WriteLine($"commit -> second-level table commit               p50 {F(Percentiles.Of(latency.ToSecondLevelMs, 50)),8} ms   p99 {F(Percentiles.Of(latency.ToSecondLevelMs, 99)),8} ms");
    Console.WriteLine($"ratio p50 run start / commit:        {F(Percentiles.Of(latency.ToRunStartMs, 50) / commitMs)}");
    Console.WriteLine($"ratio p50 second-level / commit:     {F(Percentiles.Of(latency.ToSecondLevelMs, 50) / commitMs)}");

    var fileCount = result.GetValue(files);
    var perFile = result.GetValue(rowsPerFile);
    var change = Math.Max(1, perFile / 10);
    var small = await CostBench.RunAsync(silo, "small", fileCount, perFile, change, 3, cancellationToken);
    var large = await CostBench.RunAsync(silo, "large", fileCount * 10, perFile, change, 3, cancellationToken);
    Console.WriteLine($"== cost of one {change:N0}-row change, table vs 10x table (median step time of 3)");
    foreach (var r in new[] { small, large })
    {
        Console.WriteLine($"{r.Table,-16} {r.Rows,12:N0} rows   incremental {F(r.IncrementalMs),8} ms ({r.InputFilesIncremental} file)   full recompute {F(r.FullMs),8} ms ({r.InputFilesFull} files)");
    }

    Console.WriteLine($"ratio 10x table / table, incremental: {F(large.IncrementalMs / small.IncrementalMs)}");
    Console.WriteLine($"ratio 10x table / table, full:        {F(large.FullMs / small.FullMs)}");
    return 0;
});
return await root.Parse(args).InvokeAsync();
