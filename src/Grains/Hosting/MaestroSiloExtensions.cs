using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Grains.Steps;
using OrleansMaestro.Grains.Steps.Sql;
using OrleansMaestro.Grains.Storage;
using OrleansMaestro.Grains.Telemetry;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Grains.Hosting;

/// <summary>Registers the orchestration grains' services on a silo.</summary>
public static class MaestroSiloExtensions
{
    /// <summary>
    /// The services the table, workflow, run and step grains need: <see cref="OrchestrationOptions"/> (section
    /// <see cref="OrchestrationOptions.Section"/> when bound by the host), a <see cref="TimeProvider"/>, every step
    /// runner, and SQL shards placed across the cluster through <see cref="ISqlShardGrain"/>. The host adds a catalog
    /// (<see cref="AddMaestroCatalog"/>) and a grain storage named <see cref="GrainStorage.Name"/>.
    /// </summary>
    public static IServiceCollection AddMaestroOrchestration(this IServiceCollection services, Action<OrchestrationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<OrchestrationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics().TryAddSingleton<MaestroTelemetry>();
        services.TryAddSingleton<ISqlShardExecutor, GrainSqlShardExecutor>();
        services.AddMaestroStepRunners();
        return services;
    }

    /// <summary>
    /// The silo's Iceberg catalog: its commits are pushed to the table grains (so downstream workflows start at once),
    /// and its tables are created at silo start when missing.
    /// </summary>
    public static IServiceCollection AddMaestroCatalog(
        this IServiceCollection services,
        Func<IServiceProvider, ICatalogStore> store,
        Func<IServiceProvider, IFileIO> io,
        Func<IServiceProvider, CatalogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(sp =>
        {
            var configured = options(sp);
            var withPush = configured with { CommitObservers = [.. configured.CommitObservers, new TableCommitObserver(sp.GetRequiredService<IGrainFactory>(), sp.GetService<MaestroTelemetry>())] };
            return new SqlCatalog(store(sp), io(sp), withPush, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqlCatalog>>());
        });
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CatalogInitializer>();
        return services;
    }

    /// <summary>Grain state in a SQLite file (the embedded profile), under <paramref name="name"/>.</summary>
    public static IServiceCollection AddMaestroSqliteGrainStorage(this IServiceCollection services, string name, Action<SqliteGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddGrainStorage(name, (sp, storageName) =>
        {
            var options = new SqliteGrainStorageOptions();
            configure(options);
            // Orleans' binary serializer: every state type is [GenerateSerializer] with stable [Id]s, so old rows stay readable.
            var serializer = new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>());
            return new SqliteGrainStorage(storageName, options, serializer, sp.GetRequiredService<ILogger<SqliteGrainStorage>>());
        });
        return services;
    }
}
