using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Samples.SdkSample;

/// <summary>
/// The source table, written as any Iceberg writer would: through the silo's SQL catalog, around the silo. The silo
/// finds such commits by polling; the sample tells it at once with <c>RefreshTableAsync</c>.
/// </summary>
internal sealed class SourceTable : IAsyncDisposable
{
    public static readonly Schema Schema = new(0,
    [
        NestedField.RequiredField(1, "order_id", PrimitiveType.Long),
        NestedField.OptionalField(2, "customer", PrimitiveType.String),
        NestedField.OptionalField(3, "amount", PrimitiveType.Long),
    ]);

    private readonly SqliteCatalogStore _store;
    private readonly SqlCatalog _catalog;

    private SourceTable(SqliteCatalogStore store, SqlCatalog catalog)
    {
        _store = store;
        _catalog = catalog;
    }

    public static async Task<SourceTable> OpenAsync(SampleOptions options, CancellationToken cancellationToken)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(data);
        var store = new SqliteCatalogStore(new SqliteCatalogOptions
        {
            FilePath = Path.Combine(data, "catalog.db"),
            CatalogName = options.CatalogName,
        });
        await store.InitializeAsync(cancellationToken);
        var catalog = new SqlCatalog(store, new LocalFileIO(), new CatalogOptions { Warehouse = Path.Combine(data, "warehouse") });
        return new SourceTable(store, catalog);
    }

    /// <summary>Creates the table (and its namespace) unless it exists; the workflow's validation needs it to.</summary>
    public async Task EnsureAsync(string table, CancellationToken cancellationToken)
    {
        var id = TableIdentifier.Parse(table);
        if (await _catalog.TableExistsAsync(id, cancellationToken))
        {
            return;
        }

        await _catalog.EnsureNamespaceAsync(id.Namespace, cancellationToken);
        try
        {
            await _catalog.CreateTableAsync(id, Schema, cancellationToken: cancellationToken);
        }
        catch (AlreadyExistsException)
        {
            // Created meanwhile by another writer.
        }
    }

    /// <summary>Appends <paramref name="rows"/> orders of three customers; returns the new snapshot's id.</summary>
    public async Task<long> AppendAsync(string table, int rows, CancellationToken cancellationToken)
    {
        var loaded = await _catalog.LoadTableAsync(TableIdentifier.Parse(table), cancellationToken);
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        string[] customers = ["ada", "grace", "linus"];
        var data = Enumerable.Range(0, rows).Select(i => new object?[] { start + i, customers[i % customers.Length], (long)(i % 7 + 1) });
        var committed = await loaded.AppendRowsAsync(data, cancellationToken: cancellationToken);
        return committed.CurrentSnapshot!.SnapshotId;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
