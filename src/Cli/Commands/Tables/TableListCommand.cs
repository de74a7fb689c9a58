using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Tables;

/// <summary><c>maestro table list</c> (server): the catalog's tables with their current snapshot.</summary>
public static class TableListCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var command = new Command("list", "List the catalog's tables (asks the server).");
        runner.SetAction(command, async (_, session, ct) =>
        {
            var tables = await session.Client.ListTablesAsync(ct);
            if (session.Json)
            {
                await session.WriteJsonAsync(tables, ct);
                return ExitCodes.Ok;
            }

            TextTable.Write(session, ["table", "current_snapshot", "last_commit"], tables.Select(t => new[]
            {
                t.Table, TextTable.Number(t.CurrentSnapshotId), TextTable.Time(t.LastCommitAt),
            }));
            return ExitCodes.Ok;
        });
        return command;
    }
}
