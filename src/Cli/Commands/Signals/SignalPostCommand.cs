using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Signals;

/// <summary><c>maestro signal post NAME [-p key=value]</c>: every workflow triggered by the signal starts a run.</summary>
public static class SignalPostCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var name = new Argument<string>("signal") { Description = "The signal name." };
        var parameters = KeyValueOption.Create("A parameter of the runs it starts, as key=value (repeatable).");
        var command = new Command("post", "Post an external signal; prints the runs it started.") { name, parameters };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var accepted = await session.Client.SignalAsync(result.GetValue(name)!, KeyValueOption.Parse(result.GetValue(parameters)), ct);
            if (session.Json)
            {
                await session.WriteJsonAsync(accepted, ct);
                return ExitCodes.Ok;
            }

            await session.WriteLineAsync($"signal {accepted.Signal}: {accepted.Runs.Count} run(s) started");
            foreach (var run in accepted.Runs)
            {
                await session.WriteLineAsync(run.ToString());
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
