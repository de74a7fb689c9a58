using OrleansMaestro.Cli.Commands;
using OrleansMaestro.Cli.Settings;

namespace OrleansMaestro.Cli.Tests.Server;

/// <summary>Runs <see cref="MaestroApp"/> in-process against a <see cref="FakeMaestroClient"/>, in a temp working directory.</summary>
public sealed class CliHarness : IDisposable
{
    private readonly EndToEnd.TempDirectory _dir = new();

    public FakeMaestroClient Client { get; } = new();

    public Dictionary<string, string> Environment { get; } = [];

    public ServerSettings? Settings { get; private set; }

    public bool Terminal { get; set; }

    public string Path => _dir.Path;

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public async Task<EndToEnd.MaestroResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, k => Environment.GetValueOrDefault(k), _dir.Path, Terminal);
        var app = new MaestroApp(context, s =>
        {
            Settings = s;
            return Client;
        });
        var code = await app.RunAsync(args, CancellationToken.None);
        return new EndToEnd.MaestroResult(code, output.ToString(), error.ToString());
    }

    public void Dispose() => _dir.Dispose();
}
