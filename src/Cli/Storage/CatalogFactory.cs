using OrleansMaestro.Cli.Settings;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Cli.Storage;

/// <summary>Opens the SQL catalog (SQLite or PostgreSQL) the settings point at, creating its tables when missing.</summary>
public static class CatalogFactory
{
    public static ICatalogStore CreateStore(CliSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.CatalogKind switch
        {
            CatalogKind.Postgres => new PostgresCatalogStore(new PostgresCatalogOptions
            {
                ConnectionString = settings.CatalogConnection,
                CatalogName = settings.CatalogName,
            }),
            _ => new SqliteCatalogStore(new SqliteCatalogOptions
            {
                FilePath = settings.CatalogConnection,
                CatalogName = settings.CatalogName,
                // A CLI run should fail fast on a dead database rather than retry for half a minute.
                MaxRetries = 2,
            }),
        };
    }

    public static async Task<CatalogHandle> OpenAsync(CliSettings settings, IFileIO io, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.CatalogKind == CatalogKind.Sqlite)
        {
            // SQLite creates the file but not its folder (the default .maestro/ usually does not exist yet).
            Directory.CreateDirectory(Path.GetDirectoryName(settings.CatalogConnection)!);
        }

        var store = CreateStore(settings);
        var handle = new CatalogHandle(new SqlCatalog(store, io, new CatalogOptions { Warehouse = settings.Warehouse }), store);
        try
        {
            await store.InitializeAsync(cancellationToken);
            return handle;
        }
        catch
        {
            await handle.DisposeAsync();
            throw;
        }
    }
}
