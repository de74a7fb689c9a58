using Microsoft.Extensions.DependencyInjection;
using OrleansMaestro.Grains.Steps;
using OrleansMaestro.Grains.Steps.Sql;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Grains.Tests.Steps;

public class StepRunnerRegistrationTests
{
    [Fact]
    public async Task Every_step_type_has_exactly_one_runner_and_the_shard_executor_defaults_to_in_process()
    {
        var folder = Directory.CreateTempSubdirectory("maestro-reg-").FullName;
        try
        {
            await using var store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(folder, "catalog.db") });
            var catalog = new SqlCatalog(store, new LocalFileIO(), new CatalogOptions { Warehouse = Path.Combine(folder, "wh") });
            await using var services = RunnerHost.Build(s => s.AddSingleton(catalog).AddMaestroStepRunners());

            var runners = services.GetServices<IStepRunner>().ToArray();
            Assert.Equal(["dotnet", "http", "noop", "shell", "sleep", "sql"], runners.Select(r => r.StepType).Order().ToArray());
            Assert.IsType<SqlShardExecutor>(services.GetRequiredService<ISqlShardExecutor>());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
