using System.CommandLine;
using OrleansMaestro.Cli.Input;

namespace OrleansMaestro.Cli.Commands;

/// <summary><c>maestro table append NS.T --file data.(csv|jsonl|parquet)</c>: all rows in one snapshot, or none.</summary>
public static class AppendCommand
{
    public static Command Build(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var name = new Argument<string>("table") { Description = "NAMESPACE.TABLE" };
        var file = new Option<string>("--file", "-f")
        {
            Description = "Rows to append: .csv (header row names the columns), .jsonl (one object per line) or .parquet (columns by name).",
            Required = true,
        };
        var command = new Command("append", "Append the rows of a file to a table in one commit.") { name, file };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var table = await session.LoadTableAsync(result.GetValue(name)!, ct);
            // Every row is parsed and checked before anything is written, so a bad row leaves the table untouched.
            var rows = await InputFiles.ReadAsync(Path.GetFullPath(result.GetValue(file)!, session.Context.CurrentDirectory), table.Schema, ct);
            if (rows.Count == 0)
            {
                await session.Context.Out.WriteLineAsync($"no rows in the file; table {table.Identifier} unchanged");
                return ExitCodes.Ok;
            }

            var committed = await table.AppendRowsAsync(rows, cancellationToken: ct);
            await session.Context.Out.WriteLineAsync($"appended {rows.Count} rows to {table.Identifier} (snapshot {committed.CurrentSnapshot?.SnapshotId})");
            return ExitCodes.Ok;
        });
        return command;
    }
}
