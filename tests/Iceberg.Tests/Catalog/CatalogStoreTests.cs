using System.Collections.Concurrent;
using System.Data.Common;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Iceberg.Tests.Catalog;

/// <summary>The catalog store contract, written once and run against every backend by the subclasses.</summary>
public abstract class CatalogStoreTests : IAsyncLifetime
{
    private readonly List<SqlCatalogStore> _stores = [];

    protected SqlCatalogStore Store { get; private set; } = null!;

    /// <summary>Creates the empty database this test uses.</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>A new store instance on this test's database, as another process would open it.</summary>
    protected abstract SqlCatalogStore CreateStore(string catalogName);

    /// <summary>A raw connection to this test's database, to check what other engines would see.</summary>
    protected abstract Task<DbConnection> OpenRawConnectionAsync();

    /// <summary>The table's column names in declaration order, from the backend's own schema catalog.</summary>
    protected abstract Task<IReadOnlyList<string>> ReadColumnNamesAsync(string table);

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Store = await OpenStoreAsync("test");
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected async Task<SqlCatalogStore> OpenStoreAsync(string catalogName)
    {
        var store = CreateStore(catalogName);
        _stores.Add(store);
        await store.InitializeAsync();
        return store;
    }

    private static readonly Namespace Analytics = Namespace.Parse("analytics");
    private static readonly Namespace Raw = Namespace.Parse("analytics.raw");

    [Fact]
    public async Task Schema_column_names_are_the_jdbc_catalogs()
    {
        Assert.Equal(
            ["catalog_name", "table_namespace", "table_name", "metadata_location", "previous_metadata_location", "iceberg_type"],
            await ReadColumnNamesAsync("iceberg_tables"));
        Assert.Equal(
            ["catalog_name", "namespace", "property_key", "property_value"],
            await ReadColumnNamesAsync("iceberg_namespace_properties"));
    }

    [Fact]
    public async Task Initialize_is_idempotent()
    {
        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string>());
        await Store.InitializeAsync();
        await Store.InitializeAsync();
        Assert.True(await Store.NamespaceExistsAsync(Analytics));
    }

    [Fact]
    public async Task Initialize_upgrades_a_pre_v1_jdbc_schema_without_iceberg_type()
    {
        await using (var connection = await OpenRawConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            // The JDBC catalog's original (V0) DDL, which PyIceberg also uses, with one registered table.
            command.CommandText =
                "DROP TABLE iceberg_tables; " +
                "CREATE TABLE iceberg_tables(catalog_name VARCHAR(255) NOT NULL, table_namespace VARCHAR(255) NOT NULL, " +
                "table_name VARCHAR(255) NOT NULL, metadata_location VARCHAR(1000), previous_metadata_location VARCHAR(1000), " +
                "PRIMARY KEY (catalog_name, table_namespace, table_name)); " +
                "INSERT INTO iceberg_tables VALUES ('test', 'old', 't', 's3://w/t.metadata.json', NULL)";
            await command.ExecuteNonQueryAsync();
        }

        await Store.InitializeAsync();

        Assert.Contains("iceberg_type", await ReadColumnNamesAsync("iceberg_tables"));
        var table = TableIdentifier.Parse("old.t");
        Assert.Equal("s3://w/t.metadata.json", await Store.GetMetadataLocationAsync(table));
        Assert.True(await Store.CompareAndSwapAsync(table, "s3://w/t.metadata.json", "s3://w/t2.metadata.json"));
    }

    [Fact]
    public async Task Namespaces_are_created_listed_and_carry_properties()
    {
        Assert.Empty(await Store.ListNamespacesAsync());
        Assert.False(await Store.NamespaceExistsAsync(Analytics));

        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string> { ["owner"] = "data-team" });
        await Store.CreateNamespaceAsync(Raw, new Dictionary<string, string>());

        Assert.Equal([Analytics, Raw], await Store.ListNamespacesAsync());
        Assert.True(await Store.NamespaceExistsAsync(Analytics));
        Assert.True(await Store.NamespaceExistsAsync(Raw));
        Assert.False(await Store.NamespaceExistsAsync(Namespace.Parse("other")));

        var properties = await Store.LoadNamespacePropertiesAsync(Analytics);
        Assert.Equal("data-team", properties["owner"]);
        Assert.Equal("true", properties[SqlCatalogStore.ExistsProperty]);
        Assert.Equal(2, properties.Count);
    }

    [Fact]
    public async Task Namespace_is_stored_as_the_jdbc_catalog_stores_it()
    {
        await Store.CreateNamespaceAsync(Raw, new Dictionary<string, string> { ["k"] = "v" });

        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT catalog_name, namespace, property_key, property_value FROM iceberg_namespace_properties ORDER BY property_key";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)}|{reader.GetString(1)}|{reader.GetString(2)}|{reader.GetString(3)}");
        }

        Assert.Equal(["test|analytics.raw|exists|true", "test|analytics.raw|k|v"], rows);
    }

    [Fact]
    public async Task Creating_an_existing_namespace_throws()
    {
        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string>());
        await Assert.ThrowsAsync<AlreadyExistsException>(() => Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string>()));
    }

    [Fact]
    public async Task Missing_namespace_has_no_properties_and_no_tables()
    {
        await Assert.ThrowsAsync<NoSuchNamespaceException>(() => Store.LoadNamespacePropertiesAsync(Analytics));
        await Assert.ThrowsAsync<NoSuchNamespaceException>(() => Store.ListTablesAsync(Analytics));
        await Assert.ThrowsAsync<NoSuchNamespaceException>(() => Store.DropNamespaceAsync(Analytics));
    }

    [Fact]
    public async Task Dropping_a_namespace_with_tables_is_refused_and_an_empty_one_is_dropped()
    {
        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string> { ["owner"] = "x" });
        var table = new TableIdentifier(Analytics, "events");
        await Store.CreateTableAsync(table, "s3://w/events/metadata/00000.metadata.json");

        await Assert.ThrowsAsync<NamespaceNotEmptyException>(() => Store.DropNamespaceAsync(Analytics));
        Assert.True(await Store.NamespaceExistsAsync(Analytics));

        await Store.DropTableAsync(table);
        await Store.DropNamespaceAsync(Analytics);

        Assert.False(await Store.NamespaceExistsAsync(Analytics));
        Assert.Empty(await Store.ListNamespacesAsync());
    }

    [Fact]
    public async Task Tables_are_created_listed_read_and_dropped()
    {
        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string>());
        var events = new TableIdentifier(Analytics, "events");
        var users = new TableIdentifier(Analytics, "users");
        Assert.Empty(await Store.ListTablesAsync(Analytics));

        await Store.CreateTableAsync(users, "s3://w/users/v1.metadata.json");
        await Store.CreateTableAsync(events, "s3://w/events/v1.metadata.json");

        Assert.Equal([events, users], await Store.ListTablesAsync(Analytics));
        Assert.Equal("s3://w/events/v1.metadata.json", await Store.GetMetadataLocationAsync(events));
        Assert.Null(await Store.GetMetadataLocationAsync(new TableIdentifier(Analytics, "missing")));

        await Store.DropTableAsync(events);
        Assert.Null(await Store.GetMetadataLocationAsync(events));
        Assert.Equal([users], await Store.ListTablesAsync(Analytics));
        await Assert.ThrowsAsync<NoSuchTableException>(() => Store.DropTableAsync(events));
    }

    [Fact]
    public async Task Creating_a_table_twice_throws_already_exists()
    {
        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string>());
        var table = new TableIdentifier(Analytics, "events");
        await Store.CreateTableAsync(table, "s3://w/a.metadata.json");

        await Assert.ThrowsAsync<AlreadyExistsException>(() => Store.CreateTableAsync(table, "s3://w/b.metadata.json"));
        Assert.Equal("s3://w/a.metadata.json", await Store.GetMetadataLocationAsync(table));
    }

    [Fact]
    public async Task Creating_a_table_in_a_missing_namespace_throws()
    {
        await Assert.ThrowsAsync<NoSuchNamespaceException>(
            () => Store.CreateTableAsync(new TableIdentifier(Analytics, "events"), "s3://w/a.metadata.json"));
    }

    [Fact]
    public async Task A_namespace_holding_only_tables_exists()
    {
        // Another engine (or the JDBC catalog without strict mode) may register tables without namespace rows.
        await using (var connection = await OpenRawConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO iceberg_tables (catalog_name, table_namespace, table_name, metadata_location) " +
                                  "VALUES ('test', 'legacy', 't', 's3://w/t.metadata.json')";
            await command.ExecuteNonQueryAsync();
        }

        var legacy = Namespace.Parse("legacy");
        Assert.True(await Store.NamespaceExistsAsync(legacy));
        Assert.Equal([legacy], await Store.ListNamespacesAsync());
        Assert.Equal([new TableIdentifier(legacy, "t")], await Store.ListTablesAsync(legacy));
        Assert.Empty(await Store.LoadNamespacePropertiesAsync(legacy));
        Assert.Equal("s3://w/t.metadata.json", await Store.GetMetadataLocationAsync(new TableIdentifier(legacy, "t")));
    }

    [Fact]
    public async Task Tables_are_renamed_within_and_across_namespaces()
    {
        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string>());
        await Store.CreateNamespaceAsync(Raw, new Dictionary<string, string>());
        var original = new TableIdentifier(Analytics, "events");
        var renamed = new TableIdentifier(Analytics, "events_v2");
        var moved = new TableIdentifier(Raw, "events");
        await Store.CreateTableAsync(original, "s3://w/e.metadata.json");

        await Store.RenameTableAsync(original, renamed);
        Assert.Null(await Store.GetMetadataLocationAsync(original));
        Assert.Equal("s3://w/e.metadata.json", await Store.GetMetadataLocationAsync(renamed));

        await Store.RenameTableAsync(renamed, moved);
        Assert.Empty(await Store.ListTablesAsync(Analytics));
        Assert.Equal([moved], await Store.ListTablesAsync(Raw));
        Assert.Equal("s3://w/e.metadata.json", await Store.GetMetadataLocationAsync(moved));
    }

    [Fact]
    public async Task Rename_reports_missing_source_existing_target_and_missing_namespace()
    {
        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string>());
        var a = new TableIdentifier(Analytics, "a");
        var b = new TableIdentifier(Analytics, "b");
        await Store.CreateTableAsync(a, "s3://w/a.metadata.json");
        await Store.CreateTableAsync(b, "s3://w/b.metadata.json");

        await Assert.ThrowsAsync<AlreadyExistsException>(() => Store.RenameTableAsync(a, b));
        await Assert.ThrowsAsync<NoSuchTableException>(() => Store.RenameTableAsync(new TableIdentifier(Analytics, "missing"), new TableIdentifier(Analytics, "c")));
        await Assert.ThrowsAsync<NoSuchNamespaceException>(() => Store.RenameTableAsync(a, new TableIdentifier(Namespace.Parse("nowhere"), "a")));

        Assert.Equal("s3://w/a.metadata.json", await Store.GetMetadataLocationAsync(a));
        Assert.Equal("s3://w/b.metadata.json", await Store.GetMetadataLocationAsync(b));
    }

    [Fact]
    public async Task Compare_and_swap_succeeds_from_the_current_location_and_records_the_previous_one()
    {
        var table = await CreateTableAsync("s3://w/v1.metadata.json");

        Assert.True(await Store.CompareAndSwapAsync(table, "s3://w/v1.metadata.json", "s3://w/v2.metadata.json"));

        Assert.Equal("s3://w/v2.metadata.json", await Store.GetMetadataLocationAsync(table));
        Assert.Equal(("s3://w/v2.metadata.json", "s3://w/v1.metadata.json"), await ReadRowAsync(table));
    }

    [Fact]
    public async Task Compare_and_swap_from_a_stale_location_loses_and_changes_nothing()
    {
        var table = await CreateTableAsync("s3://w/v1.metadata.json");
        Assert.True(await Store.CompareAndSwapAsync(table, "s3://w/v1.metadata.json", "s3://w/v2.metadata.json"));

        Assert.False(await Store.CompareAndSwapAsync(table, "s3://w/v1.metadata.json", "s3://w/v2-other.metadata.json"));

        Assert.Equal(("s3://w/v2.metadata.json", "s3://w/v1.metadata.json"), await ReadRowAsync(table));
    }

    [Fact]
    public async Task Compare_and_swap_on_a_missing_table_throws()
    {
        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string>());
        await Assert.ThrowsAsync<NoSuchTableException>(
            () => Store.CompareAndSwapAsync(new TableIdentifier(Analytics, "missing"), "s3://w/v1.metadata.json", "s3://w/v2.metadata.json"));
    }

    [Fact]
    public async Task Catalog_names_isolate_catalogs_sharing_a_database()
    {
        var other = await OpenStoreAsync("other");
        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string>());

        Assert.False(await other.NamespaceExistsAsync(Analytics));
        await other.CreateNamespaceAsync(Analytics, new Dictionary<string, string>());
        await other.CreateTableAsync(new TableIdentifier(Analytics, "t"), "s3://other/t.metadata.json");

        Assert.Empty(await Store.ListTablesAsync(Analytics));
        Assert.Null(await Store.GetMetadataLocationAsync(new TableIdentifier(Analytics, "t")));
    }

    [Fact]
    public async Task A_second_store_on_the_same_database_sees_the_same_data()
    {
        var table = await CreateTableAsync("s3://w/v1.metadata.json");
        var second = await OpenStoreAsync("test");

        Assert.Equal("s3://w/v1.metadata.json", await second.GetMetadataLocationAsync(table));
        Assert.True(await second.CompareAndSwapAsync(table, "s3://w/v1.metadata.json", "s3://w/v2.metadata.json"));
        Assert.Equal("s3://w/v2.metadata.json", await Store.GetMetadataLocationAsync(table));
        Assert.False(await Store.CompareAndSwapAsync(table, "s3://w/v1.metadata.json", "s3://w/v3.metadata.json"));
    }

    [Fact]
    public async Task Concurrent_writers_retrying_compare_and_swap_lose_no_update()
    {
        const int writers = 8;
        const int commitsPerWriter = 5;
        const string initial = "s3://w/v0.metadata.json";
        var table = await CreateTableAsync(initial);
        // One store per writer, as separate processes would have.
        var stores = new List<SqlCatalogStore>();
        for (var i = 0; i < writers; i++)
        {
            stores.Add(await OpenStoreAsync("test"));
        }

        var swaps = new ConcurrentBag<(string From, string To)>();
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            start.Wait();
            for (var c = 0; c < commitsPerWriter; c++)
            {
                var next = $"s3://w/writer{w}-commit{c}-{Guid.NewGuid():N}.metadata.json";
                for (var attempt = 0; ; attempt++)
                {
                    Assert.True(attempt < 1000, "a writer kept losing the race");
                    var current = await stores[w].GetMetadataLocationAsync(table) ?? throw new InvalidOperationException("table vanished");
                    if (await stores[w].CompareAndSwapAsync(table, current, next))
                    {
                        swaps.Add((current, next));
                        break;
                    }
                }
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        // Every commit landed exactly once, and the swaps form one unbroken chain from the initial location:
        // no two writers ever swapped from the same location, which is what a lost update would look like.
        Assert.Equal(writers * commitsPerWriter, swaps.Count);
        var byFrom = swaps.ToDictionary(s => s.From, s => s.To);
        var location = initial;
        var chainLength = 0;
        while (byFrom.TryGetValue(location, out var next))
        {
            location = next;
            chainLength++;
        }

        Assert.Equal(writers * commitsPerWriter, chainLength);
        var (current, previous) = await ReadRowAsync(table);
        Assert.Equal(location, current);
        Assert.Equal(swaps.Single(s => s.To == location).From, previous);
    }

    protected async Task<TableIdentifier> CreateTableAsync(string metadataLocation)
    {
        await Store.CreateNamespaceAsync(Analytics, new Dictionary<string, string>());
        var table = new TableIdentifier(Analytics, "events");
        await Store.CreateTableAsync(table, metadataLocation);
        return table;
    }

    protected async Task<(string? Current, string? Previous)> ReadRowAsync(TableIdentifier table)
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT metadata_location, previous_metadata_location, iceberg_type FROM iceberg_tables " +
                              "WHERE catalog_name = 'test' AND table_namespace = @ns AND table_name = @name";
        AddParameter(command, "@ns", table.Namespace.ToString());
        AddParameter(command, "@name", table.Name);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row for {table}");
        Assert.Equal("TABLE", reader.GetString(2));
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
