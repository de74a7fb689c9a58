using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansMaestro.Grains.Hosting;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Grains.Steps;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Hosting;

/// <summary>The Orleans silo: the profile's clustering, grain state and reminders, then the catalog and every grain service.</summary>
internal static class MaestroSiloSetup
{
    public const string SqlSection = "Maestro:Sql";

    public static void Configure(ISiloBuilder silo, MaestroSiloOptions options, SiloPaths paths)
    {
        if (options.Profile == SiloProfile.Cluster)
        {
            ClusterSiloSetup.Configure(silo, options);
        }
        else
        {
            EmbeddedSiloSetup.Configure(silo, options, paths);
        }

        silo.Services.AddOptions<ReminderOptions>().Configure<IOptions<OrchestrationOptions>>((reminders, orchestration) =>
        {
            // Orleans refuses reminders shorter than its minimum; a configured shorter keep-alive means it is wanted.
            if (orchestration.Value.KeepAlivePeriod < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = orchestration.Value.KeepAlivePeriod;
            }
        });

        silo.Services.AddMaestroOrchestration();
        silo.AddActivityPropagation(); // one trace across grain calls (spans exist only while tracing is on)
        silo.Services.AddOptions<OrchestrationOptions>().BindConfiguration(OrchestrationOptions.Section).ValidateOnStart();
        silo.Services.AddSingleton<IValidateOptions<OrchestrationOptions>, OrchestrationOptionsValidator>();
        silo.Services.AddOptions<SqlStepOptions>().BindConfiguration(SqlSection).PostConfigure(o => o.TempDirectory ??= paths.ScratchDirectory);
        silo.Services.AddSiloCatalog(options, paths);
    }
}
