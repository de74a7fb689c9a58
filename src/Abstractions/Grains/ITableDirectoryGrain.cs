using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>Reads the silo's Iceberg catalog for the API (a stateless worker: any silo answers, key <see cref="Key"/>).</summary>
[Alias("maestro.ITableDirectoryGrain")]
public interface ITableDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "tables";

    /// <summary>Every table of every namespace, ordered by name.</summary>
    [Alias("List")]
    Task<IReadOnlyList<TableSummary>> ListTablesAsync();

    /// <summary>One table with its snapshots, schema, subscribers and writers; null when the catalog has no such table.</summary>
    [Alias("Get")]
    Task<TableDetails?> GetTableAsync(string table);
}
