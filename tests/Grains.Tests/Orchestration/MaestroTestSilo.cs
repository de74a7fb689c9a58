using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansMaestro.Grains.Hosting;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Grains.Steps;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>
/// One silo of the test cluster, set up as the embedded profile sets up a node: grain state in a SQLite file (shared
/// by all silos, so state survives a silo's death), the SQLite catalog and a local warehouse, every step runner, and
/// short timings so failovers take seconds.
/// </summary>
public sealed class MaestroTestSilo : ISiloConfigurator
{
    public const string FolderKey = "MaestroTest:Folder";

    public void Configure(ISiloBuilder silo)
    {
        var folder = silo.Configuration[FolderKey] ?? throw new InvalidOperationException($"{FolderKey} is not set.");
        silo.UseInMemoryReminderService();
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // A killed silo is declared dead in a few seconds rather than the production default of about a minute.
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        });
        silo.Services.AddMaestroSqliteGrainStorage(GrainStorage.Name, o => o.FilePath = Path.Combine(folder, "state.db"));
        silo.Services.AddMaestroOrchestration(o =>
        {
            o.TablePollInterval = TimeSpan.FromSeconds(2);
            o.WorkflowReconcileInterval = TimeSpan.FromSeconds(2);
            o.RunPollInterval = TimeSpan.FromMilliseconds(200);
            o.KeepAlivePeriod = TimeSpan.FromSeconds(5);
        });
        silo.Services.Configure<SqlStepOptions>(o =>
        {
            o.TempDirectory = Path.Combine(folder, "scratch");
            o.DuckDbThreads = 1;
            o.MaxParallelShards = 4;
        });
        silo.Services.AddMaestroCatalog(
            _ => new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(folder, "catalog.db") }),
            _ => new LocalFileIO(),
            sp => new CatalogOptions
            {
                Warehouse = Path.Combine(folder, "warehouse"),
                CommitObservers = [new CommitHold(sp.GetRequiredService<ILocalSiloDetails>().SiloAddress)],
            });
    }
}
