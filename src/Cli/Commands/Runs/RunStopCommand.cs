using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary><c>maestro run stop WORKFLOW/RUN</c>: stops a run and shows it as it is after the stop.</summary>
public static class RunStopCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var run = RunArgument.Create();
        var command = new Command("stop", "Stop a run.") { run };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var info = await session.Client.StopRunAsync(RunArgument.Parse(result.GetValue(run)), ct);
            await RunPrinter.PrintAsync(session, info, ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
