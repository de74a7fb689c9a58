using System.CommandLine;
using System.CommandLine.Invocation;

namespace OrleansMaestro.Cli.Commands;

/// <summary>The <c>maestro</c> command tree and its entry point (usage errors exit with <see cref="ExitCodes.BadInput"/>).</summary>
public sealed class MaestroApp
{
    private readonly CliContext _context;
    private readonly RootCommand _root;

    public MaestroApp(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var globals = new GlobalOptions();
        var runner = new CommandRunner(context, globals);
        var table = new Command("table", "Create, load and read Iceberg tables.")
        {
            CreateCommand.Build(runner),
            AppendCommand.Build(runner),
            ScanCommand.Build(runner),
            SnapshotsCommand.Build(runner),
            FilesCommand.Build(runner),
            SchemaCommand.Build(runner),
        };
        _root = new RootCommand("maestro: command-line access to OrleansMaestro's Iceberg tables.") { table };
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

            await _context.Error.WriteLineAsync("Run 'maestro table --help' for usage.");
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
