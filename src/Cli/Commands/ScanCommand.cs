using System.CommandLine;
using OrleansMaestro.Cli.Output;
using OrleansMaestro.Iceberg.Expressions;

namespace OrleansMaestro.Cli.Commands;

/// <summary><c>maestro table scan NS.T [--snapshot ID | --from-snapshot A --to-snapshot B] [--filter EXPR] [--format F]</c>.</summary>
public static class ScanCommand
{
    public static Command Build(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var source = new TableSource();
        var snapshots = new SnapshotSelection();
        var filter = new Option<string?>("--filter", "-w")
        {
            Description = "Keep rows matching this filter, e.g. \"id > 5 and category = 'a'\" (and, or, not, =, !=, <, <=, >, >=, is [not] null, [not] in (...)).",
        };
        var format = FormatOption.Create();
        var command = new Command("scan", "Print a table's rows.") { filter, format };
        source.AddTo(command);
        snapshots.AddTo(command);
        runner.SetAction(command, async (result, session, ct) =>
        {
            var table = await source.LoadAsync(result, session, ct);
            var filterText = result.GetValue(filter);
            var expression = string.IsNullOrWhiteSpace(filterText) ? null : Expression.Parse(filterText);
            var printer = session.Printer(result.GetValue(format));
            var columns = table.Schema.Fields.Select(f => new OutputColumn(f.Name, f.Type)).ToArray();
            await printer.PrintAsync(columns, snapshots.ReadRowsAsync(result, table, expression, ct), ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
