using System.CommandLine;
using OrleansMaestro.Cli.Commands;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Settings;
using OrleansMaestro.Client;

namespace OrleansMaestro.Cli.Server;

/// <summary>
/// Runs a server command: resolves --server/--api-key, creates the client, and turns every failure into an
/// <c>error: ...</c> line on stderr (plus one indented line per bad field of an invalid request) and an exit code.
/// </summary>
public sealed class ServerCommandRunner(CliContext context, GlobalOptions globals, Func<ServerSettings, IMaestroClient> clientFactory)
{
    public CliContext Context { get; } = context;

    /// <summary>Adds <c>--output</c> to <paramref name="command"/> and runs <paramref name="body"/> as its action.</summary>
    public void SetAction(Command command, Func<ParseResult, ServerSession, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        var output = ServerOutputOption.Create();
        command.Add(output);
        command.SetAction((result, cancellationToken) => RunAsync(result, output, body, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult result, Option<string?> output, Func<ParseResult, ServerSession, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var verbose = result.GetValue(globals.Verbose);
        ServerSettings? settings = null;
        try
        {
            var format = ServerOutputOption.Resolve(result.GetValue(output), Context.OutputIsTerminal);
            settings = ServerSettingsResolver.Resolve(result.GetValue(globals.Server), result.GetValue(globals.ApiKey), Context.Environment);
            var client = clientFactory(settings);
            try
            {
                return await body(result, new ServerSession(Context, settings, client, format, verbose), cancellationToken);
            }
            finally
            {
                (client as IDisposable)?.Dispose();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Context.Error.WriteLineAsync("error: cancelled");
            return ExitCodes.UnexpectedError;
        }
        catch (Exception e)
        {
            await ReportAsync(Context.Error, e, verbose, settings: settings);
            return ErrorMapping.ExitCodeOf(e);
        }
    }

    /// <summary>
    /// Prints <c>error: message</c>, the bad fields each on its own indented line, and for a refused key a hint saying
    /// which key was (not) sent.
    /// </summary>
    public static async Task ReportAsync(TextWriter error, Exception e, bool verbose, string? prefix = null, ServerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(e);
        await error.WriteLineAsync($"error: {prefix}{ErrorMapping.MessageOf(e)}");
        foreach (var field in ErrorMapping.FieldErrorsOf(e))
        {
            await error.WriteLineAsync($"  {prefix}{field}");
        }

        var hint = ErrorMapping.ExitCodeOf(e) switch
        {
            ExitCodes.Unauthorized when settings is { ApiKey: null } => $"hint: no API key was sent; give one with --api-key or {EnvironmentVariables.ApiKey}.",
            ExitCodes.Unauthorized => "hint: the server does not know the API key that was sent.",
            ExitCodes.Forbidden => "hint: the API key may not do this (a read-only key can only read).",
            ExitCodes.Unavailable when settings is not null => $"hint: is the server at {settings.Server} running? (--server, {EnvironmentVariables.Server})",
            _ => null,
        };
        if (hint is not null)
        {
            await error.WriteLineAsync("  " + hint);
        }

        if (verbose)
        {
            await error.WriteLineAsync(e.ToString());
        }
    }
}
