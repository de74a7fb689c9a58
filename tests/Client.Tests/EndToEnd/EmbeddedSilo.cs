using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansMaestro.Client.Configuration;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Client.Tests.EndToEnd;

/// <summary>
/// One embedded-profile silo process for a test class, with API keys on (a read-write and a read-only key), and an
/// <see cref="IMaestroClient"/> for each transport: <see cref="Http"/> with the read-write key, <see cref="Orleans"/>
/// through the silo's gateway. Also a catalog of its own on the silo's SQLite catalog, to commit around the silo.
/// </summary>
public sealed class EmbeddedSilo : IAsyncLifetime
{
    public const string ReadWriteKey = "rw-0123456789abcdef";
    public const string ReadOnlyKey = "ro-0123456789abcdef";

    /// <summary>A table with two snapshots that every test may read (never written by the tests).</summary>
    public const string SourceTable = "e2e.source";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly DataFolder _folder = new();
    private SiloProcess? _silo;
    private IHost? _orleansHost;
    private SqliteCatalogStore? _store;

    public int GatewayPort { get; } = FreePort.Next();

    public string DataDirectory => Path.Combine(_folder.Path, ".maestro");

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public IMaestroClient Http { get; private set; } = null!;

    public IMaestroClient Orleans { get; private set; } = null!;

    public SqlCatalog Catalog { get; private set; } = null!;

    /// <summary>The snapshots of <see cref="SourceTable"/>, oldest first.</summary>
    public IReadOnlyList<long> SourceSnapshots { get; private set; } = [];

    public IMaestroClient Client(string transport) => transport switch
    {
        "http" => Http,
        "orleans" => Orleans,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "http or orleans"),
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        _store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(DataDirectory, "catalog.db"), CatalogName = "maestro" });
        await _store.InitializeAsync();
        Catalog = new SqlCatalog(_store, new LocalFileIO(), new CatalogOptions { Warehouse = Path.Combine(DataDirectory, "warehouse") });
        SourceSnapshots = await CreateSourceAsync();

        _silo = SiloProcess.Start(_folder.Path, new Dictionary<string, string>
        {
            ["Maestro__DataDirectory"] = DataDirectory,
            ["Maestro__GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Maestro__Orchestration__TablePollInterval"] = "00:00:01",
            ["Maestro__Orchestration__RunPollInterval"] = "00:00:01",
            ["Maestro__Http__Auth__Enabled"] = "true",
            ["Maestro__Http__Auth__ApiKeys__0__Name"] = "tests",
            ["Maestro__Http__Auth__ApiKeys__0__Key"] = ReadWriteKey,
            ["Maestro__Http__Auth__ApiKeys__0__Access"] = "ReadWrite",
            ["Maestro__Http__Auth__ApiKeys__1__Name"] = "viewer",
            ["Maestro__Http__Auth__ApiKeys__1__Key"] = ReadOnlyKey,
            ["Maestro__Http__Auth__ApiKeys__1__Access"] = "ReadOnly",
        });
        await _silo.WaitForTextAsync("Silo started", StartTimeout);

        Http = MaestroClient.CreateHttp(_silo.HttpAddress, ReadWriteKey);
        await WaitForApiAsync();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMaestroClient(o =>
        {
            o.Transport = MaestroTransport.Orleans;
            o.Orleans.Gateways = [$"127.0.0.1:{GatewayPort.ToString(CultureInfo.InvariantCulture)}"];
        });
        _orleansHost = builder.Build();
        await _orleansHost.StartAsync();
        Orleans = _orleansHost.Services.GetRequiredService<IMaestroClient>();
    }

    /// <summary>An HTTP client with another key (or none).</summary>
    public IMaestroClient HttpWithKey(string? key) => MaestroClient.CreateHttp(Silo.HttpAddress, key);

    public async Task DisposeAsync()
    {
        if (_orleansHost is not null)
        {
            await _orleansHost.StopAsync();
            _orleansHost.Dispose();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _folder.Dispose();
    }

    /// <summary>Where the test went wrong, if it was the silo: its output.</summary>
    public string Output => _silo is null ? "(no silo)" : $"stdout:\n{_silo.Output}\nstderr:\n{_silo.Errors}";

    private async Task<IReadOnlyList<long>> CreateSourceAsync()
    {
        var id = TableIdentifier.Parse(SourceTable);
        await Catalog.EnsureNamespaceAsync(id.Namespace);
        var table = await Catalog.CreateTableAsync(id, new Schema(0,
        [
            NestedField.RequiredField(1, "id", PrimitiveType.Long),
            NestedField.OptionalField(2, "name", PrimitiveType.String),
        ]));
        table = await table.AppendRowsAsync([[1L, "one"], [2L, "two"]]);
        var first = table.CurrentSnapshot!.SnapshotId;
        table = await table.AppendRowsAsync([[3L, "three"]]);
        return [first, table.CurrentSnapshot!.SnapshotId];
    }

    /// <summary>"Silo started" comes before Kestrel takes requests on some machines; ask until it answers.</summary>
    private async Task WaitForApiAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await Http.ListWorkflowsAsync();
                return;
            }
            catch (MaestroUnavailableException) when (DateTime.UtcNow < deadline && !Silo.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }
}
