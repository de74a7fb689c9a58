namespace OrleansMaestro.Cli.Tests.EndToEnd;

/// <summary>
/// One real silo process (embedded profile, own data folder, free ports) shared by a test class, ready when
/// <c>/health/ready</c> answers. A short demo run first creates the demo's table <c>raw.events</c> in the data folder,
/// so table commands and SQL steps have a table to read.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly DataFolder _data = new();
    private SiloProcess? _silo;

    public Uri Server => (_silo ?? throw new InvalidOperationException("The silo is not started.")).HttpAddress;

    /// <summary>The silo's data folder: its SQLite catalog is <c>catalog.db</c>, its warehouse <c>warehouse/</c>.</summary>
    public string DataPath => _data.Path;

    protected virtual IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    protected virtual bool CreateDemoTables => true;

    public async Task InitializeAsync()
    {
        if (CreateDemoTables)
        {
            await SiloProcess.CreateDemoTablesAsync(_data.Path, Environment);
        }

        _silo = SiloProcess.Start(_data.Path, Environment, "--data", _data.Path);
        await _silo.WaitUntilReadyAsync(StartTimeout);
    }

    /// <summary>A <c>maestro</c> process pointed at this silo through MAESTRO_SERVER, as an operator would.</summary>
    public MaestroProcess Maestro(string workingDirectory)
    {
        var maestro = new MaestroProcess(workingDirectory);
        maestro.Environment["MAESTRO_SERVER"] = Server.ToString();
        return maestro;
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _data.Dispose();
    }
}
