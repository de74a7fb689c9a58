using System.CommandLine;
using System.CommandLine.Invocation;
using OrleansMaestro.Cli.Commands.Runs;
using OrleansMaestro.Cli.Commands.Signals;
using OrleansMaestro.Cli.Commands.Tables;
using OrleansMaestro.Cli.Commands.Workflows;
using OrleansMaestro.Cli.Server;
using OrleansMaestro.Cli.Settings;
using OrleansMaestro.Client;

namespace OrleansMaestro.Cli.Commands;

/// <summary>The <c>maestro</c> command tree and its entry point (usage errors exit with <see cref="ExitCodes.BadInput"/>).</summary>
public sealed class MaestroApp
{
    private readonly CliContext _context;
    private readonly RootCommand _root;

    /// <param name="context">The process's surroundings.</param>
    /// <param name="clientFactory">Creates the server commands' client (default: the HTTP client; tests pass a fake).</param>
    public MaestroApp(CliContext context, Func<ServerSettings, IMaestroClient>? clientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var globals = new GlobalOptions();
        var runner = new CommandRunner(context, globals);
        var server = new ServerCommandRunner(context, globals, clientFactory ?? (s => MaestroClient.CreateHttp(s.Server, s.ApiKey)));
        // list/get/lineage/refresh ask the server; the others read and write the catalog directly (docs/cli.md).
        var table = new Command("table", "Create, load and read Iceberg tables (catalog direct); list, get, lineage and refresh ask the server.")
        {
            TableListCommand.Build(server),
            TableGetCommand.Build(server),
            TableLineageCommand.Build(server),
            TableRefreshCommand.Build(server),
            CreateCommand.Build(runner),
            AppendCommand.Build(runner),
            ScanCommand.Build(runner),
            SnapshotsCommand.Build(runner),
            FilesCommand.Build(runner),
            SchemaCommand.Build(runner),
        };
        var workflow = new Command("workflow", "Apply, inspect, version and delete workflows on the server.")
        {
            WorkflowApplyCommand.Build(server),
            WorkflowListCommand.Build(server),
            WorkflowGetCommand.Build(server),
            WorkflowValidateCommand.Build(server),
            WorkflowVersionsCommand.Build(server),
            WorkflowActivateCommand.Build(server),
            WorkflowDeleteCommand.Build(server),
        };
        var run = new Command("run", "Start, list, inspect, stop, restart, backfill and watch runs.")
        {
            RunStartCommand.Build(server),
            RunListCommand.Build(server),
            RunGetCommand.Build(server),
            RunStopCommand.Build(server),
            RunRestartCommand.Build(server),
            RunBackfillCommand.Build(server),
            RunWatchCommand.Build(server),
        };
        var signal = new Command("signal", "Post external signals.") { SignalPostCommand.Build(server) };
        _root = new RootCommand("maestro: command-line access to OrleansMaestro: workflows, runs, signals and Iceberg tables.") { workflow, run, table, signal };
        globals.AddTo(_root);
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var parsed = _root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
            {
                await _context.Error.WriteLineAsync($"error: {error.Message}");
            }

            await _context.Error.WriteLineAsync("Run 'maestro --help' (or 'maestro COMMAND --help') for usage.");
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = _context.Out,
            Error = _context.Error,
            // CommandRunner reports errors itself (one line, exit code by kind); never the default stack-trace handler.
            EnableDefaultExceptionHandler = false,
        };
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }
}
