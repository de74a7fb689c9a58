using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansMaestro.Silo.Database;
using OrleansMaestro.Silo.Demo;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Hosting;

/// <summary>Runs the host until Ctrl+C / SIGTERM (or the demo's end) and turns the result into an exit code.</summary>
internal static class SiloApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadConfiguration = 2;

    public static async Task<int> RunAsync(SiloCommandLine commandLine, CancellationToken cancellationToken)
    {
        IHost host;
        try
        {
            host = SiloHostFactory.Build(commandLine);
        }
        catch (SiloConfigurationException e)
        {
            return await ReportAsync(e.Errors);
        }

        var outcome = host.Services.GetRequiredService<DemoOutcome>();
        var options = host.Services.GetRequiredService<IOptions<MaestroSiloOptions>>().Value;
        if (options.Profile == SiloProfile.Cluster && options.Cluster.MigrateOnStart)
        {
            // Before the silo starts: its clustering provider reads its queries from the schema at once.
            var migrated = await MigrateApp.TryMigrateAsync(host.Services.GetRequiredService<PostgresSchemaMigrator>(), options.Cluster.ConnectionString!, cancellationToken);
            if (migrated != Ok)
            {
                host.Dispose();
                return migrated;
            }
        }

        try
        {
            // RunAsync disposes the host when it has stopped.
            await host.RunAsync(cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            return await ReportAsync(e.Failures.ToArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: the silo failed: {e.Message}");
            return Failed;
        }

        return commandLine.Demo ? outcome.ExitCode : Ok;
    }

    private static async Task<int> ReportAsync(IReadOnlyList<string> errors)
    {
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync($"error: {error}");
        }

        return BadConfiguration;
    }
}
