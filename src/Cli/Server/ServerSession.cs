using System.Text.Json;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Cli.Commands;
using OrleansMaestro.Cli.Settings;
using OrleansMaestro.Client;
using Spectre.Console;

namespace OrleansMaestro.Cli.Server;

/// <summary>What one server command works with: the client, where it points, and how to print.</summary>
public sealed class ServerSession(CliContext context, ServerSettings settings, IMaestroClient client, ServerOutputFormat output, bool verbose = false)
{
    public CliContext Context { get; } = context;

    public ServerSettings Settings { get; } = settings;

    public IMaestroClient Client { get; } = client;

    public ServerOutputFormat Output { get; } = output;

    /// <summary>--verbose: print stack traces of errors.</summary>
    public bool Verbose { get; } = verbose;

    public bool Json => Output == ServerOutputFormat.Json;

    /// <summary>Writes <paramref name="value"/> as the API writes it (ApiJson), on one line.</summary>
    public async Task WriteJsonAsync<T>(T value, CancellationToken cancellationToken)
    {
        await Context.Out.WriteLineAsync(JsonSerializer.Serialize(value, ApiJson.Options).AsMemory(), cancellationToken);
        await Context.Out.FlushAsync(cancellationToken);
    }

    /// <summary>A Spectre console writing to this command's stdout (tables, trees, the live run view).</summary>
    public IAnsiConsole Console() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Context.Out),
        Interactive = Context.OutputIsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        Ansi = Context.OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
    });

    public Task WriteLineAsync(string line) => Context.Out.WriteLineAsync(line);

    /// <summary><paramref name="value"/> as the API's JSON with <c>--output json</c>, otherwise the line <paramref name="text"/>.</summary>
    public Task WriteAsync<T>(T value, string text, CancellationToken cancellationToken) =>
        Json ? WriteJsonAsync(value, cancellationToken) : WriteLineAsync(text);
}
