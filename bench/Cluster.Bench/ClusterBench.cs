using System.Globalization;

namespace OrleansMaestro.Cluster.Bench;

internal sealed record ClusterBenchSettings(int Runs, int Steps, int[] MaxParallel, int Callers, TimeSpan CallDuration, bool Sqlite, bool Details);

/// <summary>
/// The configurations, one after the other in this process: (a) one silo with grain state in memory, the baseline,
/// where the raw grain-call rate is measured too; (b) one silo of the cluster profile on PostgreSQL; (c) three silos of
/// the cluster profile sharing that PostgreSQL; (d) one silo of the embedded profile (SQLite).
/// </summary>
internal static class ClusterBench
{
    private static string F(double v, string format = "N0") => v.ToString(format, CultureInfo.InvariantCulture);

    public static async Task RunAsync(ClusterBenchSettings s, string postgresBinDir, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"== durable step completions: {s.Runs} runs started at once, {s.Steps} noop steps each (fan-out/fan-in), parallel strategy");
        output.WriteLine($"{"configuration",-40} {"maxParallel",11} {"steps",7} {"seconds",8} {"steps/s",8}   ratio to (a)");
        var baseline = new Dictionary<int, StepRateBench.Result>();
        GrainCallBench.Result calls;

        await using (var memory = await BenchCluster.StartAsync(StateKind.Memory, 1, null, cancellationToken))
        {
            calls = await GrainCallBench.RunAsync(memory.Grains, s.Callers, s.CallDuration, cancellationToken);
            foreach (var parallel in s.MaxParallel)
            {
                baseline[parallel] = await StepRateBench.RunAsync(memory.Grains, $"bench-p{parallel}", s.Runs, s.Steps, parallel, cancellationToken);
                Print(output, s.Details, "(a) 1 silo, state in memory", parallel, baseline[parallel], null);
            }
        }

        var postgres = await BenchPostgres.StartAsync(postgresBinDir, cancellationToken);
        try
        {
            foreach (var silos in new[] { 1, 3 })
            {
                var connectionString = await postgres.CreateClusterDatabaseAsync($"bench_{silos}", cancellationToken);
                await using var cluster = await BenchCluster.StartAsync(StateKind.Postgres, silos, connectionString, cancellationToken);
                foreach (var parallel in s.MaxParallel)
                {
                    var measured = await StepRateBench.RunAsync(cluster.Grains, $"bench-p{parallel}", s.Runs, s.Steps, parallel, cancellationToken);
                    var stored = await DurableCheck.PostgresAsync(connectionString, $"bench-p{parallel}", measured, cancellationToken);
                    Print(output, s.Details, silos == 1 ? "(b) 1 silo, state on PostgreSQL" : "(c) 3 silos, state on PostgreSQL", parallel, measured, baseline[parallel]);
                    output.WriteLine($"    {stored}");
                }

                if (silos > 1)
                {
                    // Step attempts are placed at random; their activations are still there (idle collection takes minutes).
                    var placement = await cluster.ActivationsPerSiloAsync("step");
                    if (placement.Count != silos)
                    {
                        throw new InvalidOperationException($"step attempts ran on {placement.Count} of {silos} silos");
                    }

                    output.WriteLine($"    step attempts per silo: {string.Join(", ", placement.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => F(p.Value)))}");
                }
            }
        }
        finally
        {
            await postgres.DisposeAsync();
        }

        if (s.Sqlite)
        {
            await using var sqlite = await BenchCluster.StartAsync(StateKind.Sqlite, 1, null, cancellationToken);
            foreach (var parallel in s.MaxParallel)
            {
                var measured = await StepRateBench.RunAsync(sqlite.Grains, $"bench-p{parallel}", s.Runs, s.Steps, parallel, cancellationToken);
                var stored = DurableCheck.Sqlite(sqlite.StateFile, $"bench-p{parallel}", measured);
                Print(output, s.Details, "(d) 1 silo, state in SQLite (embedded)", parallel, measured, baseline[parallel]);
                output.WriteLine($"    {stored}");
            }
        }

        output.WriteLine($"== raw grain calls on the in-memory silo (a): {s.Callers} concurrent callers, {F(s.CallDuration.TotalSeconds, "0.#")} s");
        output.WriteLine($"grain calls {F(calls.Calls),14} calls {F(calls.PerSecond),12} calls/s");
        foreach (var parallel in s.MaxParallel)
        {
            output.WriteLine($"grain calls per (a) step completion, maxParallel {parallel,3}: {F(calls.PerSecond / baseline[parallel].PerSecond)}");
        }

        output.WriteLine($"PostgreSQL {postgres.Version} (fsync and synchronous_commit on, as by default), {Environment.ProcessorCount} cores");
    }

    private static void Print(TextWriter output, bool details, string name, int maxParallel, StepRateBench.Result result, StepRateBench.Result? baseline)
    {
        var ratio = baseline is null ? "baseline" : F(result.PerSecond / baseline.PerSecond, "0.00");
        output.WriteLine($"{name,-40} {maxParallel,11} {F(result.Steps),7} {F(result.Elapsed.TotalSeconds, "0.00"),8} {F(result.PerSecond),8}   {ratio}");
        if (details)
        {
            output.WriteLine($"    median run {F(result.MedianRunMs)} ms, median step {F(result.MedianStepMs)} ms, last of the {result.Runs} runs created after {F(result.LastCreated.TotalSeconds, "0.00")} s");
        }
    }
}
