using OrleansMaestro.Grains.Hosting;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Hosting;

/// <summary>The embedded profile: localhost clustering, grain state in a SQLite file, reminders in memory.</summary>
internal static class EmbeddedSiloSetup
{
    public static void Configure(ISiloBuilder silo, MaestroSiloOptions options, SiloPaths paths)
    {
        silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);

        // Reminders live in memory here, so they are gone after a restart; WorkflowReactivator activates every stored
        // workflow at start instead, and each workflow's own timers and subscriptions take over from there.
        silo.UseInMemoryReminderService();
        silo.Services.AddMaestroSqliteGrainStorage(GrainStorage.Name, o => o.FilePath = paths.StateFile);
    }
}
