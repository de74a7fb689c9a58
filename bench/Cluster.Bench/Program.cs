using System.CommandLine;
using System.Globalization;
using OrleansMaestro.Cluster.Bench;
using OrleansMaestro.Testing;

// Prints the figures recorded in bench/RESULTS.md. Absolute numbers depend on the machine; compare the ratios.
var runs = new Option<int>("--runs") { Description = "Runs started at once, per configuration and maxParallel.", DefaultValueFactory = _ => 320 };
var steps = new Option<int>("--steps") { Description = "noop steps per run (one root, the rest minus one in parallel, one sink).", DefaultValueFactory = _ => 20 };
var maxParallel = new Option<int>("--max-parallel") { Description = "maxParallel of each workflow's parallel run strategy.", DefaultValueFactory = _ => 8 };
var workflows = new Option<int[]>("--workflows")
{
    Description = "Workflows the runs are spread over (each value measured in every configuration): one workflow grain accepts its starts one at a time.",
    DefaultValueFactory = _ => [1, 8],
    AllowMultipleArgumentsPerToken = true,
};
var callers = new Option<int>("--callers") { Description = "Concurrent callers of the raw grain-call measurement.", DefaultValueFactory = _ => 64 };
var callSeconds = new Option<double>("--call-seconds") { Description = "Length of the raw grain-call measurement.", DefaultValueFactory = _ => 3 };
var noSqlite = new Option<bool>("--no-sqlite") { Description = "Skip the one-silo SQLite (embedded profile) configuration." };
var details = new Option<bool>("--details") { Description = "Also print each measurement's median run and step time and when its last run was created." };
var root = new RootCommand("Cluster benchmark: durable step completions per second on one and three silos (PostgreSQL) against in-memory state, and the raw grain-call rate.")
{
    runs, steps, maxParallel, workflows, callers, callSeconds, noSqlite, details,
};
root.SetAction(async (result, cancellationToken) =>
{
    var settings = new ClusterBenchSettings(
        result.GetValue(runs), result.GetValue(steps), result.GetValue(maxParallel), result.GetValue(workflows) ?? [],
        result.GetValue(callers), TimeSpan.FromSeconds(result.GetValue(callSeconds)), !result.GetValue(noSqlite), result.GetValue(details));
    if (settings.Runs < 1 || settings.Steps < 3 || settings.MaxParallel < 1 || settings.Workflows.Length == 0 || settings.Workflows.Any(w => w < 1 || w > settings.Runs)
        || settings.Callers < 1 || settings.CallDuration <= TimeSpan.Zero)
    {
        Console.Error.WriteLine("error: --runs, --max-parallel and --callers must be at least 1, --workflows (each) between 1 and --runs, --steps at least 3, --call-seconds positive.");
        return 2;
    }

    if (PostgresServerFixture.FindBinDir() is null)
    {
        Console.Error.WriteLine($"error: PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH; the durable configurations need a throwaway server. {PostgresServerFixture.InstallHint}");
        return 3;
    }

    await ClusterBench.RunAsync(settings, Console.Out, cancellationToken);
    return 0;
});
return await root.Parse(args).InvokeAsync();
