using Microsoft.Extensions.DependencyInjection;
using OrleansMaestro.Grains.Steps;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>
/// A real catalog (SQLite file) with a warehouse in a local folder or on the real s3rver, and the step runners
/// registered against it as a silo would; plus the <c>raw.events</c> table the SQL tests read.
/// </summary>
internal sealed class SqlWarehouse : IAsyncDisposable
{
    public static readonly Namespace Raw = new(["raw"]);

    /// <summary>id (required long), kind, amount, ts: what the incremental and aggregate tests query.</summary>
    public static readonly Schema EventsSchema = new(0,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Long),
        NestedField.OptionalField(2, "kind", PrimitiveType.String),
        NestedField.OptionalField(3, "amount", PrimitiveType.Long),
        NestedField.OptionalField(4, "ts", PrimitiveType.TimestampTz),
    ]);

    private readonly SqliteCatalogStore _store;
    private readonly string _folder;
    private readonly IDisposable? _io;
    private readonly ServiceProvider _services;

    private SqlWarehouse(SqliteCatalogStore store, SqlCatalog catalog, string folder, IDisposable? io, Action<SqlStepOptions>? configure)
    {
        _store = store;
        Catalog = catalog;
        _folder = folder;
        _io = io;
        ScratchDirectory = Path.Combine(folder, "scratch");
        _services = RunnerHost.Build(s =>
        {
            s.AddSingleton(catalog);
            s.Configure<SqlStepOptions>(o =>
            {
                o.TempDirectory = ScratchDirectory;
                o.DuckDbThreads = 1; // the test machine is small and other tests run alongside
                configure?.Invoke(o);
            });
        });
    }

    public SqlCatalog Catalog { get; }

    public IServiceProvider Services => _services;

    public IStepRunner Runner => _services.Runner("sql");

    /// <summary>Where the runner's per-attempt scratch folders go (they must be gone after each run).</summary>
    public string ScratchDirectory { get; }

    public static async Task<SqlWarehouse> LocalAsync(Action<SqlStepOptions>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("maestro-sqlstep-").FullName;
        var store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(folder, "catalog.db") });
        var catalog = new SqlCatalog(store, new LocalFileIO(), new CatalogOptions { Warehouse = Path.Combine(folder, "warehouse") });
        await catalog.InitializeAsync();
        return new SqlWarehouse(store, catalog, folder, io: null, configure);
    }

    /// <summary>The catalog in a local SQLite file; every table's files (metadata and data) in the real s3rver's bucket.</summary>
    public static async Task<SqlWarehouse> S3Async(S3ServerFixture s3, Action<SqlStepOptions>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("maestro-sqlstep-").FullName;
        var store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(folder, "catalog.db") });
        var io = new ResolvingFileIO(s3.CreateOptions());
        var catalog = new SqlCatalog(store, io, new CatalogOptions { Warehouse = s3.Location($"wh-{Guid.NewGuid():N}") });
        await catalog.InitializeAsync();
        return new SqlWarehouse(store, catalog, folder, io, configure);
    }

    public async Task<Table> CreateEventsAsync(string name = "events", PartitionSpec? spec = null)
    {
        await Catalog.EnsureNamespaceAsync(Raw);
        return await Catalog.CreateTableAsync(new TableIdentifier(Raw, name), EventsSchema, spec);
    }

    /// <summary>Rows <paramref name="start"/>..start+count-1: kinds a/b/c/d by id, amounts that differ per id, one null amount in seven.</summary>
    public static object?[][] Events(int start, int count) => Enumerable.Range(start, count)
        .Select(i => new object?[]
        {
            (long)i,
            ((char)('a' + (i % 4))).ToString(),
            i % 7 == 3 ? null : (long)((i * 37) % 101),
            new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(i * 61).AddTicks(i * 10),
        })
        .ToArray();

    /// <summary>Appends each batch as one snapshot; returns the table and the snapshot ids, oldest first.</summary>
    public static async Task<(Table Table, long[] Snapshots)> AppendBatchesAsync(Table table, params object?[][][] batches)
    {
        var ids = new List<long>();
        foreach (var batch in batches)
        {
            table = await table.AppendRowsAsync(batch);
            ids.Add(table.CurrentSnapshot!.SnapshotId);
        }

        return (table, ids.ToArray());
    }

    public async Task<Table> LoadAsync(string table) => await Catalog.LoadTableAsync(TableIdentifier.Parse(table));

    public async Task<List<object?[]>> ReadAsync(string table)
    {
        var rows = new List<object?[]>();
        await foreach (var row in (await LoadAsync(table)).NewScan().ReadRowsAsync())
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _store.DisposeAsync();
        _io?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }
}
