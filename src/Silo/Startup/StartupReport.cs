using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Silo.Hosting;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Startup;

/// <summary>One line once the silo serves calls: where it listens and where its data lives.</summary>
internal sealed partial class StartupReport(
    IOptions<MaestroSiloOptions> options,
    SiloPaths paths,
    IHostApplicationLifetime lifetime,
    ILogger<StartupReport> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await lifetime.WaitForStartedAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var o = options.Value;
        var address = o.Profile == SiloProfile.Cluster ? o.Cluster.AdvertisedAddress ?? "127.0.0.1" : "127.0.0.1";
        var http = o.Http.Address ?? (o.Profile == SiloProfile.Cluster ? "0.0.0.0" : "127.0.0.1");
        LogStarted(o.Profile, address, o.SiloPort, o.GatewayPort, $"http://{http}:{o.Http.Port}", o.ClusterId, paths.DataDirectory, paths.CatalogKind, paths.Warehouse);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Silo started ({Profile} profile) on {Address}:{SiloPort} (gateway {GatewayPort}, HTTP {HttpUrl}, cluster {ClusterId}); data {DataDirectory}, {CatalogKind} catalog, warehouse {Warehouse}")]
    private partial void LogStarted(SiloProfile profile, string address, int siloPort, int gatewayPort, string httpUrl, string clusterId, string dataDirectory, CatalogKind catalogKind, string warehouse);
}
