using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>Reads the silo's catalog for the table list and table details (any silo answers).</summary>
[StatelessWorker]
public sealed class TableDirectoryGrain(SqlCatalog catalog) : Grain, ITableDirectoryGrain
{
    public async Task<IReadOnlyList<TableSummary>> ListTablesAsync()
    {
        var result = new List<TableSummary>();
        foreach (var ns in await catalog.ListNamespacesAsync())
        {
            foreach (var id in await catalog.ListTablesAsync(ns))
            {
                result.Add(new TableSummary { Table = id.ToString() });
            }
        }

        return result;
    }

    public Task<TableDetails?> GetTableAsync(string table) => Task.FromResult<TableDetails?>(null);
}
