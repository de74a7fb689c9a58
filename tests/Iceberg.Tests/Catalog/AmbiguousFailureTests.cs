using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Iceberg.Tests.Catalog;

/// <summary>
/// A write whose reply is lost may or may not have committed. The store must find out on retry rather than report a
/// false conflict (which would make the caller commit the same change twice).
/// </summary>
public sealed class AmbiguousFailureTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("maestro-ambiguous-").FullName;
    private FaultInjectingSqliteCatalogStore _store = null!;
    private readonly TableIdentifier _table = TableIdentifier.Parse("analytics.events");

    public async Task InitializeAsync()
    {
        _store = new FaultInjectingSqliteCatalogStore(Path.Combine(_directory, "catalog.db"));
        await _store.InitializeAsync();
        await _store.CreateNamespaceAsync(_table.Namespace, new Dictionary<string, string>());
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_compare_and_swap_that_landed_before_the_failure_reports_success()
    {
        await _store.CreateTableAsync(_table, "s3://w/v1.metadata.json");
        _store.FailOnceAfter("UPDATE iceberg_tables SET metadata_location");

        Assert.True(await _store.CompareAndSwapAsync(_table, "s3://w/v1.metadata.json", "s3://w/v2.metadata.json"));

        Assert.False(_store.FaultPending);
        Assert.Equal("s3://w/v2.metadata.json", await _store.GetMetadataLocationAsync(_table));
    }

    [Fact]
    public async Task A_create_table_that_landed_before_the_failure_reports_success()
    {
        _store.FailOnceAfter("INSERT INTO iceberg_tables");

        await _store.CreateTableAsync(_table, "s3://w/v1.metadata.json");

        Assert.False(_store.FaultPending);
        Assert.Equal("s3://w/v1.metadata.json", await _store.GetMetadataLocationAsync(_table));
    }

    [Fact]
    public async Task A_create_namespace_interrupted_inside_its_transaction_is_retried()
    {
        _store.FailOnceAfter("INSERT INTO iceberg_namespace_properties");
        var ns = Namespace.Parse("other");

        await _store.CreateNamespaceAsync(ns, new Dictionary<string, string>());

        Assert.False(_store.FaultPending);
        Assert.True(await _store.NamespaceExistsAsync(ns));
    }
}
