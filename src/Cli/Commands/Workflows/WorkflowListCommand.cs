using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary><c>maestro workflow list</c>: every workflow, ordered by id.</summary>
public static class WorkflowListCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var command = new Command("list", "List the workflows (id, versions, strategy, tables read and written, signals).");
        runner.SetAction(command, async (_, session, ct) =>
        {
            var workflows = await session.Client.ListWorkflowsAsync(ct);
            if (session.Json)
            {
                await session.WriteJsonAsync(workflows, ct);
                return ExitCodes.Ok;
            }

            TextTable.Write(session, ["id", "active", "latest", "strategy", "reads", "writes", "signals", "updated"], workflows.Select(w => new[]
            {
                w.Id, TextTable.Number(w.ActiveVersion), TextTable.Number(w.LatestVersion), TextTable.Strategy(w.Strategy),
                TextTable.List(w.Reads), TextTable.List(w.Writes), TextTable.List(w.Signals), TextTable.Time(w.UpdatedAt),
            }));
            return ExitCodes.Ok;
        });
        return command;
    }
}
