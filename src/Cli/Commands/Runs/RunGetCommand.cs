using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary><c>maestro run get WORKFLOW/RUN</c>: one run with its steps' states and timings.</summary>
public static class RunGetCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var run = RunArgument.Create();
        var command = new Command("get", "Show a run with its steps' states and timings.") { run };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var info = await session.Client.GetRunAsync(RunArgument.Parse(result.GetValue(run)), ct);
            await RunPrinter.PrintAsync(session, info, ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
