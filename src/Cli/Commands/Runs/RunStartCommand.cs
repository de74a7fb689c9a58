using System.CommandLine;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary><c>maestro run start WORKFLOW [-p key=value ...]</c>: starts a manual run and prints its reference.</summary>
public static class RunStartCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var workflow = new Argument<string>("workflow") { Description = "The workflow id." };
        var parameters = KeyValueOption.Create("A run parameter as key=value (repeatable); the others take their defaults.");
        var watch = new Option<bool>("--watch") { Description = "Then follow the run as 'run watch' does, and exit as it does (0 succeeded, 8 failed, 9 stopped)." };
        var command = new Command("start", "Start a manual run (queued under the workflow's run strategy); prints WORKFLOW/RUN.") { workflow, parameters, watch };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var values = KeyValueOption.Parse(result.GetValue(parameters));
            var run = await session.Client.StartRunAsync(result.GetValue(workflow)!, values, ct);
            if (result.GetValue(watch))
            {
                // The reference goes to stderr so that stdout holds only the watch's events (one JSON document per line).
                await session.Context.Error.WriteLineAsync($"started {run}");
                return await RunWatchCommand.WatchAsync(session, run, ct);
            }

            await session.WriteAsync(run, run.ToString(), ct);

            return ExitCodes.Ok;
        });
        return command;
    }
}
