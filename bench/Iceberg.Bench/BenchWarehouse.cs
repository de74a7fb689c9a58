using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Iceberg.Bench;

/// <summary>The embedded default (SQLite catalog, local warehouse) in a folder of its own.</summary>
internal sealed class BenchWarehouse : IAsyncDisposable
{
    private readonly SqliteCatalogStore _store;
    private readonly bool _deleteFolder;

    private BenchWarehouse(string folder, SqliteCatalogStore store, SqlCatalog catalog, bool deleteFolder)
    {
        Folder = folder;
        _store = store;
        Catalog = catalog;
        _deleteFolder = deleteFolder;
    }

    public string Folder { get; }

    public SqlCatalog Catalog { get; }

    public IFileIO IO { get; } = new LocalFileIO();

    public static async Task<BenchWarehouse> OpenAsync(string? folder)
    {
        var path = folder ?? Directory.CreateTempSubdirectory("maestro-bench-").FullName;
        Directory.CreateDirectory(path);
        var store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(path, "catalog.db") });
        var catalog = new SqlCatalog(store, new LocalFileIO(), new CatalogOptions { Warehouse = Path.Combine(path, "warehouse") });
        await catalog.InitializeAsync();
        return new BenchWarehouse(path, store, catalog, deleteFolder: folder is null);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        if (_deleteFolder)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
