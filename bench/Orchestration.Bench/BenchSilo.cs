using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Hosting;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Grains.Steps;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Orchestration.Bench;

/// <summary>
/// One silo in this process, set up as the embedded profile (SQLite grain state and catalog, local warehouse), and a
/// writer catalog that commits as any client would, pushing its commits to the table grains.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    public static readonly Schema EventsSchema = new(0,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Long),
        NestedField.OptionalField(2, "kind", PrimitiveType.String),
        NestedField.OptionalField(3, "amount", PrimitiveType.Long),
    ]);

    private readonly IHost _host;
    private readonly SqliteCatalogStore _store;
    private readonly string _folder;

    private BenchSilo(IHost host, SqliteCatalogStore store, SqlCatalog catalog, string folder)
    {
        _host = host;
        _store = store;
        Catalog = catalog;
        _folder = folder;
    }

    public SqlCatalog Catalog { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchSilo> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("maestro-bench-").FullName;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
            silo.UseInMemoryReminderService();
            silo.Services.AddMaestroSqliteGrainStorage(GrainStorage.Name, o => o.FilePath = Path.Combine(folder, "state.db"));
            silo.Services.AddMaestroOrchestration();
            silo.Services.Configure<SqlStepOptions>(o => o.TempDirectory = Path.Combine(folder, "scratch"));
            silo.Services.AddMaestroCatalog(
                _ => new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(folder, "catalog.db") }),
                _ => new LocalFileIO(),
                _ => new CatalogOptions { Warehouse = Path.Combine(folder, "warehouse") });
        });
        var host = builder.Build();
        await host.StartAsync();

        var store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(folder, "catalog.db") });
        var catalog = new SqlCatalog(store, new LocalFileIO(), new CatalogOptions
        {
            Warehouse = Path.Combine(folder, "warehouse"),
            CommitObservers = [new TableCommitObserver(host.Services.GetRequiredService<IGrainFactory>())],
        });
        await catalog.InitializeAsync();
        return new BenchSilo(host, store, catalog, folder);
    }

    public async Task<Table> CreateEventsAsync(string table)
    {
        var id = TableIdentifier.Parse(table);
        await Catalog.EnsureNamespaceAsync(id.Namespace);
        return await Catalog.CreateTableAsync(id, EventsSchema);
    }

    public async Task<Table> AppendAsync(string table, long firstId, int rows)
    {
        var loaded = await Catalog.LoadTableAsync(TableIdentifier.Parse(table));
        return await loaded.AppendRowsAsync(Events(firstId, rows));
    }

    public static IEnumerable<object?[]> Events(long firstId, int rows)
    {
        for (var i = firstId; i < firstId + rows; i++)
        {
            yield return [i, ((char)('a' + (i % 8))).ToString(), i % 1000];
        }
    }

    public Task<int> PutAsync(WorkflowDefinition definition) => Grains.GetGrain<IWorkflowGrain>(definition.Id).PutDefinitionAsync(definition);

    public Task<RunInfo?> GetRunAsync(string workflowId, long run) => Grains.GetGrain<IRunGrain>(RunKeys.Run(workflowId, run)).GetAsync();

    public async Task<RunInfo> WaitForRunAsync(string workflowId, long run, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await GetRunAsync(workflowId, run) is { } info && info.Status.IsFinal())
            {
                return info.Status == RunStatus.Succeeded ? info : throw new InvalidOperationException($"run {workflowId}/{run} ended {info.Status}: {info.Error}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Waits until the workflow consumed the latest snapshot of each source and has no active run.</summary>
    public async Task<WorkflowInfo> WaitForIdleAsync(string workflowId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var info = await Grains.GetGrain<IWorkflowGrain>(workflowId).GetAsync() ?? throw new InvalidOperationException($"no workflow {workflowId}");
            if (info.ActiveRuns.Count == 0 && info.Latest.Count > 0 && info.Latest.All(l => info.Watermarks.TryGetValue(l.Key, out var w) && w == l.Value))
            {
                return info;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _store.DisposeAsync();
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
