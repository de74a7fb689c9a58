using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Tables;

/// <summary>
/// <c>maestro table refresh NS.T</c> (server): after committing around the silo (e.g. <c>maestro table append</c> on the
/// same catalog), tells it to re-read the table now and signal its workflows instead of waiting for the next poll.
/// </summary>
public static class TableRefreshCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var table = new Argument<string>("table") { Description = "NAMESPACE.TABLE." };
        var command = new Command("refresh", "Make the server re-read a table now and signal its workflows (after committing around it).") { table };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var summary = await session.Client.RefreshTableAsync(result.GetValue(table)!, ct);
            await session.WriteAsync(summary, $"table {summary.Table}: current snapshot {TextTable.Number(summary.CurrentSnapshotId)}", ct);

            return ExitCodes.Ok;
        });
        return command;
    }
}
