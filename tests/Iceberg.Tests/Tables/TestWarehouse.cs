using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Tests.Fixtures;

namespace OrleansMaestro.Iceberg.Tests.Tables;

/// <summary>A catalog (pointer store + warehouse location) and the file IO its tables use, created fresh for one test.</summary>
internal sealed class TestWarehouse : IAsyncDisposable
{
    private readonly SqlCatalogStore _store;
    private readonly string? _localFolder;

    private TestWarehouse(SqlCatalog catalog, SqlCatalogStore store, IFileIO io, string? localFolder, string? s3Endpoint = null)
    {
        S3Endpoint = s3Endpoint;
        Catalog = catalog;
        _store = store;
        IO = io;
        _localFolder = localFolder;
    }

    public SqlCatalog Catalog { get; }

    public IFileIO IO { get; }

    /// <summary>The S3 server's endpoint when the warehouse is on S3 (for readers outside this process), else null.</summary>
    public string? S3Endpoint { get; }

    /// <summary>The embedded default: a SQLite catalog file and a warehouse folder, both in a new temp folder.</summary>
    public static async Task<TestWarehouse> SqliteLocalAsync(IFileIO? io = null)
    {
        var folder = Directory.CreateTempSubdirectory("maestro-warehouse-").FullName;
        var store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(folder, "catalog.db") });
        io ??= new LocalFileIO();
        var catalog = new SqlCatalog(store, io, new CatalogOptions { Warehouse = Path.Combine(folder, "warehouse") });
        await catalog.InitializeAsync();
        return new TestWarehouse(catalog, store, io, folder);
    }

    /// <summary>A new database on the real PostgreSQL server and a new prefix in the real S3 server's bucket.</summary>
    public static async Task<TestWarehouse> PostgresS3Async(PostgresServerFixture postgres, S3ServerFixture s3, IFileIO? io = null)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var store = new PostgresCatalogStore(new PostgresCatalogOptions { ConnectionString = connectionString });
        io ??= s3.CreateFileIO();
        var catalog = new SqlCatalog(store, io, new CatalogOptions { Warehouse = s3.Location($"wh-{Guid.NewGuid():N}") });
        await catalog.InitializeAsync();
        return new TestWarehouse(catalog, store, io, localFolder: null, s3.ServiceUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        if (_localFolder is not null)
        {
            try
            {
                Directory.Delete(_localFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open (SQLite on some platforms) only leaves a temp folder behind.
            }
        }
    }
}
