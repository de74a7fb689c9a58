using System.Globalization;

namespace OrleansMaestro.Cluster.Bench;

internal sealed record ClusterBenchSettings(int Runs, int Steps, int MaxParallel, int[] Workflows, int Callers, TimeSpan CallDuration, bool Sqlite, bool Details);

/// <summary>
/// The configurations, one after the other in this process: (a) one silo with grain state in memory, the baseline,
/// where the raw grain-call rate is measured too; (b) one silo of the cluster profile on PostgreSQL; (c) three silos of
/// the cluster profile sharing that PostgreSQL; (d) one silo of the embedded profile (SQLite).
/// </summary>
internal static class ClusterBench
{
    private static string F(double v, string format = "N0") => v.ToString(format, CultureInfo.InvariantCulture);

    public static async Task RunAsync(ClusterBenchSettings s, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"== durable step completions: {s.Runs} runs started at once over 1 or more workflows, {s.Steps} noop steps each (fan-out/fan-in), parallel strategy maxParallel {s.MaxParallel} per workflow");
        output.WriteLine($"{"configuration",-40} {"workflows",11} {"steps",7} {"seconds",8} {"steps/s",8}   ratio to (a)");
        var baseline = new Dictionary<int, StepRateBench.Result>();
        GrainCallBench.Result calls;

        await using (var memory = await BenchCluster.StartAsync(StateKind.Memory, 1, null, cancellationToken))
        {
            foreach (var workflows in s.Workflows)
            {
                baseline[workflows] = await StepRateBench.RunAsync(memory.Grains, $"bench-w{workflows}", workflows, s.Runs, s.Steps, s.MaxParallel, cancellationToken);
                Print(output, s.Details, "(a) 1 silo, state in memory", workflows, baseline[workflows], null);
            }

            // After the step measurements, so the silo is as warm as it was for them.
            calls = await GrainCallBench.RunAsync(memory.Grains, s.Callers, s.CallDuration, cancellationToken);
        }

        var postgres = await BenchPostgres.StartAsync(cancellationToken);
        try
        {
            foreach (var silos in new[] { 1, 3 })
            {
                var connectionString = await postgres.CreateClusterDatabaseAsync(cancellationToken);
                await using var cluster = await BenchCluster.StartAsync(StateKind.Postgres, silos, connectionString, cancellationToken);
                foreach (var workflows in s.Workflows)
                {
                    var measured = await StepRateBench.RunAsync(cluster.Grains, $"bench-w{workflows}", workflows, s.Runs, s.Steps, s.MaxParallel, cancellationToken);
                    var stored = await DurableCheck.PostgresAsync(connectionString, $"bench-w{workflows}", measured, cancellationToken);
                    Print(output, s.Details, silos == 1 ? "(b) 1 silo, state on PostgreSQL" : "(c) 3 silos, state on PostgreSQL", workflows, measured, baseline[workflows]);
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
            foreach (var workflows in s.Workflows)
            {
                var measured = await StepRateBench.RunAsync(sqlite.Grains, $"bench-w{workflows}", workflows, s.Runs, s.Steps, s.MaxParallel, cancellationToken);
                var stored = DurableCheck.Sqlite(sqlite.StateFile, $"bench-w{workflows}", measured);
                Print(output, s.Details, "(d) 1 silo, state in SQLite (embedded)", workflows, measured, baseline[workflows]);
                output.WriteLine($"    {stored}");
            }
        }

        output.WriteLine($"== raw grain calls on the in-memory silo (a): {s.Callers} concurrent callers, {F(s.CallDuration.TotalSeconds, "0.#")} s");
        output.WriteLine($"grain calls {F(calls.Calls),14} calls {F(calls.PerSecond),12} calls/s");
        foreach (var workflows in s.Workflows)
        {
            output.WriteLine($"grain calls per (a) step completion, {workflows} workflow(s): {F(calls.PerSecond / baseline[workflows].PerSecond)}");
        }

        output.WriteLine($"PostgreSQL {postgres.Version} (fsync and synchronous_commit on, as by default), {Environment.ProcessorCount} cores");
    }

    private static void Print(TextWriter output, bool details, string name, int workflows, StepRateBench.Result result, StepRateBench.Result? baseline)
    {
        var ratio = baseline is null ? "baseline" : F(result.PerSecond / baseline.PerSecond, "0.00");
        output.WriteLine($"{name,-40} {workflows,11} {F(result.Steps),7} {F(result.Elapsed.TotalSeconds, "0.00"),8} {F(result.PerSecond),8}   {ratio}");
        if (details)
        {
            output.WriteLine($"    median run {F(result.MedianRunMs)} ms, median step {F(result.MedianStepMs)} ms, last of the {result.Runs} runs created after {F(result.LastCreated.TotalSeconds, "0.00")} s");
        }
    }
}
