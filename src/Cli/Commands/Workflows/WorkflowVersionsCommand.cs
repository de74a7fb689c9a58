using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary><c>maestro workflow versions ID</c>: every stored version, oldest first.</summary>
public static class WorkflowVersionsCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("workflow") { Description = "The workflow id." };
        var command = new Command("versions", "List a workflow's stored versions (the active one marked).") { id };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var versions = await session.Client.ListWorkflowVersionsAsync(result.GetValue(id)!, ct);
            if (session.Json)
            {
                await session.WriteJsonAsync(versions, ct);
                return ExitCodes.Ok;
            }

            TextTable.Write(session, ["version", "active", "created", "description"], versions.Select(v => new[]
            {
                TextTable.Number(v.Version), v.Active ? "*" : "", TextTable.Time(v.CreatedAt), v.Description,
            }));
            return ExitCodes.Ok;
        });
        return command;
    }
}
