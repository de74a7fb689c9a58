using System.CommandLine;

namespace OrleansMaestro.Silo.Hosting;

/// <summary>
/// The command line: <c>OrleansMaestro.Silo [--data DIR] [--demo [--demo-duration SECONDS]] [--print-state]</c>, and
/// <c>OrleansMaestro.Silo migrate [--connection CS]</c>.
/// </summary>
internal static class SiloCommand
{
    public static RootCommand Create()
    {
        var data = new Option<string?>("--data")
        {
            HelpName = "dir",
            Description = "Data folder of the embedded profile (overrides Maestro:DataDirectory; default .maestro).",
        };
        var demo = new Option<bool>("--demo")
        {
            Description = "Also run the live demo: random events into raw.events, the sample workflows, each commit's way through the pipeline.",
        };
        var duration = new Option<int?>("--demo-duration")
        {
            HelpName = "seconds",
            Description = "Stop the demo and the silo after this many seconds; the exit code is 0 only if every check passed. Default: run until Ctrl+C.",
        };
        duration.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError("--demo-duration must be a positive number of seconds.");
            }
        });
        var printState = new Option<bool>("--print-state")
        {
            Description = "Start the silo, print every stored workflow's version, last run and watermarks, and stop.",
        };

        var root = new RootCommand("OrleansMaestro silo: event-driven orchestration over Apache Iceberg tables.") { data, demo, duration, printState };
        root.Validators.Add(result =>
        {
            if (result.GetValue(duration) is not null && !result.GetValue(demo))
            {
                result.AddError("--demo-duration needs --demo.");
            }

            if (result.GetValue(printState) && result.GetValue(demo))
            {
                result.AddError("--print-state and --demo cannot be combined.");
            }
        });
        root.Subcommands.Add(CreateMigrate());
        root.SetAction((result, cancellationToken) => SiloApp.RunAsync(
            new SiloCommandLine(
                result.GetValue(data),
                result.GetValue(demo),
                result.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                result.GetValue(printState)),
            cancellationToken));
        return root;
    }

    private static Command CreateMigrate()
    {
        var connection = new Option<string?>("--connection")
        {
            HelpName = "connection-string",
            Description = $"The PostgreSQL database (Npgsql connection string). Default: {MigrateApp.ConnectionKey} from appsettings.json or the environment.",
        };
        var migrate = new Command("migrate", "Create or update the cluster profile's PostgreSQL schema (membership, grain state, reminders) and stop.")
        {
            connection,
        };
        migrate.SetAction((result, cancellationToken) => MigrateApp.RunAsync(result.GetValue(connection), cancellationToken));
        return migrate;
    }
}
