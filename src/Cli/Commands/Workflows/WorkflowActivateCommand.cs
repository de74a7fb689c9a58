using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary><c>maestro workflow activate ID VERSION</c>: new runs use that stored version (a rollback is activating an older one).</summary>
public static class WorkflowActivateCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("workflow") { Description = "The workflow id." };
        var version = new Argument<int>("version") { Description = "A stored version number." };
        var command = new Command("activate", "Make a stored version the one new runs use.") { id, version };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var info = await session.Client.ActivateWorkflowVersionAsync(result.GetValue(id)!, result.GetValue(version), ct);
            await session.WriteAsync(info, $"workflow {info.Definition.Id}: version {info.ActiveVersion} is active", ct);

            return ExitCodes.Ok;
        });
        return command;
    }
}
