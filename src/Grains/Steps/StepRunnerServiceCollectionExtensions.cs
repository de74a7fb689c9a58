using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansMaestro.Grains.Steps.Sql;

namespace OrleansMaestro.Grains.Steps;

public static class StepRunnerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the step runners (<c>noop</c>, <c>sleep</c>, <c>shell</c>, <c>http</c>, <c>sql</c>, <c>dotnet</c>) as
    /// <see cref="IStepRunner"/>s, their options (<see cref="ShellStepOptions"/>, <see cref="HttpStepOptions"/>,
    /// <see cref="SqlStepOptions"/>, <see cref="DotnetStepOptions"/>: configure them with <c>services.Configure&lt;T&gt;</c>),
    /// the HTTP step's named client, and the SQL step's planner and in-process shard executor.
    /// The SQL runner needs a <see cref="Iceberg.Catalog.SqlCatalog"/>, which the silo registers.
    /// <see cref="ISqlShardExecutor"/> is registered with TryAdd: an implementation that places shards on other silos
    /// wins when registered before this call (or use <c>services.Replace</c> after it); <see cref="SqlShardExecutor"/>
    /// stays registered as itself for the silo that finally runs a shard.
    /// </summary>
    public static IServiceCollection AddMaestroStepRunners(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ShellStepOptions>();
        services.AddOptions<HttpStepOptions>();
        services.AddOptions<SqlStepOptions>();
        services.AddOptions<DotnetStepOptions>();
        services.AddLogging();
        services.AddHttpClient(HttpStepOptions.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<StepAssemblyCache>();
        services.TryAddSingleton<SqlStepPlanner>();
        services.TryAddSingleton<SqlShardExecutor>();
        services.TryAddSingleton<ISqlShardExecutor>(sp => sp.GetRequiredService<SqlShardExecutor>());

        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IStepRunner, NoopStepRunner>(),
            ServiceDescriptor.Singleton<IStepRunner, SleepStepRunner>(),
            ServiceDescriptor.Singleton<IStepRunner, ShellStepRunner>(),
            ServiceDescriptor.Singleton<IStepRunner, HttpStepRunner>(),
            ServiceDescriptor.Singleton<IStepRunner, SqlStepRunner>(),
            ServiceDescriptor.Singleton<IStepRunner, DotnetStepRunner>(),
        ]);
        return services;
    }
}
