using Microsoft.Extensions.Logging;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Grains.Hosting;

/// <summary>Creates the catalog's tables (when missing) before the silo takes any grain call.</summary>
internal sealed partial class CatalogInitializer(SqlCatalog catalog, ILogger<CatalogInitializer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CatalogInitializer), ServiceLifecycleStage.ApplicationServices, async cancellationToken =>
        {
            await catalog.InitializeAsync(cancellationToken);
            LogReady(catalog.Name, catalog.Options.Warehouse);
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Iceberg catalog {Catalog} ready; warehouse {Warehouse}")]
    private partial void LogReady(string catalog, string warehouse);
}
