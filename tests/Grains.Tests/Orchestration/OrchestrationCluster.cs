using System.Globalization;
using Microsoft.Extensions.Configuration;
using Orleans.Core.Internal;
using Orleans.TestingHost;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Grains.Steps.Sql;
using OrleansMaestro.Grains.Tests.Steps;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Grains.Tests.Orchestration;

[CollectionDefinition(Name)]
public sealed class OrchestrationCollection : ICollectionFixture<OrchestrationCluster>
{
    public const string Name = "orchestration cluster";
}

/// <summary>
/// Orleans' TestCluster with 3 silos (<see cref="MaestroTestSilo"/>) over one SQLite catalog and local warehouse, and a
/// catalog in the test process that commits as any writer would: through the catalog, pushing each commit to its
/// table grain. Tests use their own table and workflow names, so they share the cluster.
/// </summary>
public sealed class OrchestrationCluster : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("maestro-cluster-").FullName;
    private SqliteCatalogStore? _store;

    public TestCluster Cluster { get; private set; } = null!;

    public SqlCatalog Catalog { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public string Folder => _folder;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.Options.ClusterId = $"maestro-{Guid.NewGuid():N}"[..20];
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { [MaestroTestSilo.FolderKey] = _folder }));
        builder.AddSiloBuilderConfigurator<MaestroTestSilo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        _store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(_folder, "catalog.db") });
        Catalog = new SqlCatalog(_store, new LocalFileIO(), new CatalogOptions
        {
            Warehouse = Path.Combine(_folder, "warehouse"),
            CommitObservers = [new TableCommitObserver(Cluster.Client)],
        });
        await Catalog.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        CommitHold.Disarm();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still open only leaves a temp folder behind
        }
    }

    public async Task<Table> CreateEventsAsync(string table)
    {
        var id = TableIdentifier.Parse(table);
        await Catalog.EnsureNamespaceAsync(id.Namespace);
        return await Catalog.CreateTableAsync(id, SqlWarehouse.EventsSchema);
    }

    /// <summary>Appends rows start..start+count-1 (<see cref="SqlWarehouse.Events"/>) as one snapshot.</summary>
    public async Task<Table> AppendEventsAsync(string table, int start, int count)
    {
        var loaded = await Catalog.LoadTableAsync(TableIdentifier.Parse(table));
        return await loaded.AppendRowsAsync(SqlWarehouse.Events(start, count));
    }

    public async Task<int> PutAsync(WorkflowDefinition definition) =>
        await Grains.GetGrain<IWorkflowGrain>(definition.Id).PutDefinitionAsync(definition);

    public Task<RunInfo?> GetRunAsync(string workflowId, long runNumber) =>
        Grains.GetGrain<IRunGrain>(RunKeys.Run(workflowId, runNumber)).GetAsync();

    public async Task<IReadOnlyList<RunInfo>> RunsAsync(string workflowId) =>
        await Grains.GetGrain<IWorkflowGrain>(workflowId).ListRunsAsync(1000);

    /// <summary>Waits until the run is final and returns it.</summary>
    public async Task<RunInfo> WaitForRunAsync(string workflowId, long runNumber, TimeSpan? timeout = null)
    {
        RunInfo? last = null;
        await WaitUntilAsync(async () =>
        {
            last = await GetRunAsync(workflowId, runNumber);
            return last is not null && last.Status.IsFinal();
        }, timeout ?? TimeSpan.FromSeconds(60), () => $"run {workflowId}/{runNumber} to finish (last seen: {last?.Status.ToString() ?? "none"} {last?.Error})");
        return last!;
    }

    /// <summary>Waits until the workflow has no active run and has consumed every snapshot it knows of.</summary>
    public async Task<WorkflowInfo> WaitForIdleAsync(string workflowId, TimeSpan? timeout = null)
    {
        WorkflowInfo? info = null;
        await WaitUntilAsync(async () =>
        {
            info = await Grains.GetGrain<IWorkflowGrain>(workflowId).GetAsync();
            return info is not null && info.ActiveRuns.Count == 0 && info.Latest.Count > 0
                && info.Latest.All(l => info.Watermarks.TryGetValue(l.Key, out var w) && w == l.Value);
        }, timeout ?? TimeSpan.FromSeconds(90), () => $"workflow {workflowId} to catch up (active runs: {string.Join(",", info?.ActiveRuns ?? [])})");
        return info!;
    }

    /// <summary>Deactivates <paramref name="grain"/>'s activation and waits until it is gone, so the next call activates it from its stored state.</summary>
    public async Task DeactivateAsync(IAddressable grain)
    {
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        // The deactivation completes after the call returns; a call that lands before then reaches the old activation.
        var id = grain.GetGrainId();
        var management = Grains.GetGrain<IManagementGrain>(0);
        await WaitUntilAsync(async () => !(await management.GetActiveGrains(id.Type)).Contains(id), TimeSpan.FromSeconds(30), () => $"{id} to deactivate");
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what()}.");
            }

            await Task.Delay(100);
        }
    }

    public async Task<List<object?[]>> ReadAsync(string table)
    {
        var rows = new List<object?[]>();
        await foreach (var row in (await Catalog.LoadTableAsync(TableIdentifier.Parse(table))).NewScan().ReadRowsAsync())
        {
            rows.Add(row);
        }

        return rows;
    }

    public async Task<bool> ExistsAsync(string table) => await Catalog.TableExistsAsync(TableIdentifier.Parse(table));

    /// <summary>The maestro markers (workflow, run, step) of every snapshot of <paramref name="table"/> that a step committed.</summary>
    public async Task<IReadOnlyList<(string Workflow, long Run, string Step)>> MarkersAsync(string table)
    {
        var loaded = await Catalog.LoadTableAsync(TableIdentifier.Parse(table));
        return loaded.Metadata.Snapshots
            .Where(s => s.Summary.ContainsKey(SqlCommitMarkers.Run))
            .Select(s => (s.Summary[SqlCommitMarkers.Workflow], long.Parse(s.Summary[SqlCommitMarkers.Run], CultureInfo.InvariantCulture), s.Summary[SqlCommitMarkers.Step]))
            .ToArray();
    }

    /// <summary>A short unique suffix for the names of one test.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
