using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary><c>maestro run restart WORKFLOW/RUN</c>: restarts a run from its failed steps (conflict, exit 4, when it may not be).</summary>
public static class RunRestartCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var run = RunArgument.Create();
        var command = new Command("restart", "Restart a run from its failed steps.") { run };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var info = await session.Client.RestartRunAsync(RunArgument.Parse(result.GetValue(run)), ct);
            await RunPrinter.PrintAsync(session, info, ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
