using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansMaestro.Grains.Hosting;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Grains.Steps;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Cluster.Bench;

/// <summary>Where the silos keep grain state (and membership).</summary>
internal enum StateKind
{
    /// <summary>Orleans' memory grain storage, localhost clustering: nothing is durable (the baseline).</summary>
    Memory,

    /// <summary>The embedded profile: the SQLite grain storage in a file, localhost clustering.</summary>
    Sqlite,

    /// <summary>The cluster profile: ADO.NET clustering, grain storage and reminders on PostgreSQL, the catalog there too.</summary>
    Postgres,
}

/// <summary>
/// One or more silos in this process, each its own generic host, set up as the silo's profiles set up a node
/// (src/Silo/Hosting/ClusterSiloSetup.cs for <see cref="StateKind.Postgres"/>). Callers go through silo 0's grain factory.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly List<IHost> _hosts;
    private readonly string _folder;

    private BenchCluster(List<IHost> hosts, string folder)
    {
        _hosts = hosts;
        _folder = folder;
    }

    public IGrainFactory Grains => _hosts[0].Services.GetRequiredService<IGrainFactory>();

    public int Silos => _hosts.Count;

    /// <summary>The SQLite grain-state file of <see cref="StateKind.Sqlite"/>.</summary>
    public string StateFile => Path.Combine(_folder, "state.db");

    public static async Task<BenchCluster> StartAsync(StateKind kind, int silos, string? connectionString, CancellationToken cancellationToken)
    {
        if (silos != 1 && kind != StateKind.Postgres)
        {
            throw new ArgumentException("only the PostgreSQL profile has a shared membership table for several silos", nameof(silos));
        }

        var folder = Directory.CreateTempSubdirectory("maestro-bench-cluster-").FullName;
        var hosts = new List<IHost>();
        var cluster = new BenchCluster(hosts, folder);
        try
        {
            // One after the other: the first creates the catalog's tables, the others join a cluster that exists.
            for (var i = 0; i < silos; i++)
            {
                var host = Build(kind, i, folder, connectionString);
                hosts.Add(host);
                await host.StartAsync(cancellationToken);
            }

            await cluster.WaitForMembersAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static IHost Build(StateKind kind, int index, string folder, string? connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A stopping silo's watchdog reports "participant check thread has not completed for <hours>" once as its host
        // shuts down (the time since a check that never ran); it says nothing about the measurement.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.UseOrleans(silo =>
        {
            silo.Configure<SiloOptions>(o => o.SiloName = $"bench-{index}");
            if (kind == StateKind.Postgres)
            {
                ConfigurePostgres(silo, connectionString ?? throw new ArgumentNullException(nameof(connectionString)));
            }
            else
            {
                silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
                silo.UseInMemoryReminderService();
                if (kind == StateKind.Memory)
                {
                    silo.AddMemoryGrainStorage(GrainStorage.Name);
                }
                else
                {
                    silo.Services.AddMaestroSqliteGrainStorage(GrainStorage.Name, o => o.FilePath = Path.Combine(folder, "state.db"));
                }
            }

            silo.Services.AddMaestroOrchestration();
            silo.Services.Configure<SqlStepOptions>(o => o.TempDirectory = Path.Combine(folder, $"scratch-{index}"));
            silo.Services.AddMaestroCatalog(
                _ => kind == StateKind.Postgres
                    ? new PostgresCatalogStore(new PostgresCatalogOptions { ConnectionString = connectionString! })
                    : new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(folder, "catalog.db") }),
                _ => new LocalFileIO(),
                _ => new CatalogOptions { Warehouse = Path.Combine(folder, "warehouse") });
        });
        return builder.Build();
    }

    /// <summary>What ClusterSiloSetup configures, on loopback and free ports.</summary>
    private static void ConfigurePostgres(ISiloBuilder silo, string connectionString)
    {
        const string invariant = "Npgsql";
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "bench";
            o.ServiceId = "maestro-bench";
        });
        silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort(), listenOnAnyHostAddress: false);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
        });
        silo.Services.AddAdoNetGrainStorage(GrainStorage.Name, builder => builder.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = invariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
    }

    /// <summary>Waits until silo 0 sees every silo active, so placement can use all of them from the first run.</summary>
    private async Task WaitForMembersAsync(CancellationToken cancellationToken)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var active = await management.GetHosts(onlyActive: true);
            if (active.Count == _hosts.Count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"only {active.Count} of {_hosts.Count} silos became active within 60 s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Activations of grain classes whose type name contains <paramref name="typeName"/>, per silo.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ActivationsPerSiloAsync(string typeName)
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics
            .Where(s => s.GrainType.Contains(typeName, StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.SiloAddress.ToString())
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _hosts[i].StopAsync(timeout.Token);
            }
            finally
            {
                _hosts[i].Dispose();
            }
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // leaves a temp folder behind
        }
    }
}
