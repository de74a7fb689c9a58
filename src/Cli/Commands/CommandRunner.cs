using System.CommandLine;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Settings;

namespace OrleansMaestro.Cli.Commands;

/// <summary>
/// Runs a command body with settings resolved and the catalog released afterwards, and turns every failure into
/// one <c>error: ...</c> line on stderr plus an exit code (a stack trace only with --verbose).
/// </summary>
public sealed class CommandRunner(CliContext context, GlobalOptions globals)
{
    public CliContext Context { get; } = context;

    public void SetAction(Command command, Func<ParseResult, CommandSession, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((result, cancellationToken) => RunAsync(result, body, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult result, Func<ParseResult, CommandSession, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var verbose = result.GetValue(globals.Verbose);
        try
        {
            var settings = CliSettingsResolver.Resolve(
                result.GetValue(globals.Catalog),
                result.GetValue(globals.Warehouse),
                result.GetValue(globals.CatalogName),
                Context.Environment,
                Context.CurrentDirectory);
            await using var session = new CommandSession(Context, settings);
            return await body(result, session, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Context.Error.WriteLineAsync("error: cancelled");
            return ExitCodes.UnexpectedError;
        }
        catch (Exception e)
        {
            await Context.Error.WriteLineAsync($"error: {ErrorMapping.MessageOf(e)}");
            if (verbose)
            {
                await Context.Error.WriteLineAsync(e.ToString());
            }

            return ErrorMapping.ExitCodeOf(e);
        }
    }
}
