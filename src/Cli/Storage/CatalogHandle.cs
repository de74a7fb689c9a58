using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Cli.Storage;

/// <summary>An opened catalog and the store behind it, which holds pooled database connections to release.</summary>
public sealed class CatalogHandle(SqlCatalog catalog, ICatalogStore store) : IAsyncDisposable
{
    public SqlCatalog Catalog { get; } = catalog;

    public async ValueTask DisposeAsync()
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
