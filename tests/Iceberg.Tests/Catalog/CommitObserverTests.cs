using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Catalog;

/// <summary>Observers hear of commits after they are durable; nothing they do may make a landed commit look failed.</summary>
public sealed class CommitObserverTests : IAsyncLifetime
{
    private static readonly Schema Schema = new(0, [NestedField.RequiredField(1, "id", PrimitiveType.Long)]);
    private readonly string _directory = Directory.CreateTempSubdirectory("maestro-observer-").FullName;
    private readonly List<string> _heard = [];
    private SqliteCatalogStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(_directory, "catalog.db") });
        await _store.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_failing_observer_neither_fails_the_commit_nor_stops_the_next_observer()
    {
        var catalog = Catalog(new Failing(), new Recording(_heard));
        var table = await CreateAsync(catalog);

        var after = await table.AppendRowsAsync([[1L], [2L]]);

        Assert.Equal(2, _heard.Count); // create + append
        Assert.Equal(after.MetadataLocation, _heard[^1]);
    }

    [Fact]
    public async Task Cancelling_while_observers_run_returns_the_landed_commit_instead_of_throwing()
    {
        using var cancel = new CancellationTokenSource();
        var catalog = Catalog(new CancelsDuringNotification(cancel), new Recording(_heard));
        var table = await CreateAsync(catalog);

        var after = await table.AppendRowsAsync([[1L]], cancellationToken: cancel.Token);

        Assert.Equal(after.MetadataLocation, (await catalog.LoadTableAsync(after.Identifier)).MetadataLocation);
        var rows = new List<object?[]>();
        await foreach (var row in after.NewScan().ReadRowsAsync())
        {
            rows.Add(row);
        }

        Assert.Single(rows); // the data file is there and readable
    }

    private SqlCatalog Catalog(params ICommitObserver[] observers) =>
        new(_store, new LocalFileIO(), new CatalogOptions { Warehouse = Path.Combine(_directory, "warehouse"), CommitObservers = observers });

    private static async Task<OrleansMaestro.Iceberg.Tables.Table> CreateAsync(SqlCatalog catalog)
    {
        var id = TableIdentifier.Parse($"db.t{Guid.NewGuid():N}");
        await catalog.EnsureNamespaceAsync(id.Namespace);
        return await catalog.CreateTableAsync(id, Schema);
    }

    private sealed class Recording(List<string> heard) : ICommitObserver
    {
        public Task OnCommittedAsync(TableIdentifier table, string metadataLocation, TableMetadata metadata, CancellationToken cancellationToken)
        {
            heard.Add(metadataLocation);
            return Task.CompletedTask;
        }
    }

    private sealed class Failing : ICommitObserver
    {
        public Task OnCommittedAsync(TableIdentifier table, string metadataLocation, TableMetadata metadata, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the observer's own problem");
    }

    private sealed class CancelsDuringNotification(CancellationTokenSource cancel) : ICommitObserver
    {
        public async Task OnCommittedAsync(TableIdentifier table, string metadataLocation, TableMetadata metadata, CancellationToken cancellationToken)
        {
            if (metadata.CurrentSnapshot is null)
            {
                return; // let the create through
            }

            await cancel.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
