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
        try
        {
            var format = ServerOutputOption.Resolve(result.GetValue(output), Context.OutputIsTerminal);
            var settings = ServerSettingsResolver.Resolve(result.GetValue(globals.Server), result.GetValue(globals.ApiKey), Context.Environment);
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
            await ReportAsync(Context.Error, e, verbose);
            return ErrorMapping.ExitCodeOf(e);
        }
    }

    /// <summary>Prints <c>error: message</c> and the bad fields, each on its own indented line.</summary>
    public static async Task ReportAsync(TextWriter error, Exception e, bool verbose, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(e);
        await error.WriteLineAsync($"error: {prefix}{ErrorMapping.MessageOf(e)}");
        foreach (var field in ErrorMapping.FieldErrorsOf(e))
        {
            await error.WriteLineAsync($"  {prefix}{field}");
        }

        if (verbose)
        {
            await error.WriteLineAsync(e.ToString());
        }
    }
}
