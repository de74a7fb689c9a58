using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary><c>maestro workflow delete ID</c>: stops the workflow's active runs and deletes it.</summary>
public static class WorkflowDeleteCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("workflow") { Description = "The workflow id." };
        var command = new Command("delete", "Stop a workflow's active runs and delete it.") { id };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var workflowId = result.GetValue(id)!;
            await session.Client.DeleteWorkflowAsync(workflowId, ct);
            await session.WriteAsync(new { workflowId, deleted = true }, $"deleted workflow {workflowId}", ct);

            return ExitCodes.Ok;
        });
        return command;
    }
}
