using System.CommandLine;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Cli.Server;
using Spectre.Console;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary>
/// <c>maestro run watch WORKFLOW/RUN</c>: follows a run until it ends — a live view of its DAG on a terminal, one JSON
/// <see cref="RunEvent"/> per line with <c>--output json</c> or when stdout is redirected. The exit code says how the run
/// ended: 0 succeeded, <see cref="ExitCodes.RunFailed"/> failed or timed out, <see cref="ExitCodes.RunStopped"/> stopped.
/// </summary>
public static class RunWatchCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var run = RunArgument.Create();
        var command = new Command("watch", "Follow a run until it ends (exit 0 succeeded, 8 failed or timed out, 9 stopped).") { run };
        runner.SetAction(command, (result, session, ct) => WatchAsync(session, RunArgument.Parse(result.GetValue(run)), ct));
        return command;
    }

    /// <summary>Follows <paramref name="reference"/> to its end and returns the exit code its final status maps to.</summary>
    public static async Task<int> WatchAsync(ServerSession session, RunReference reference, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(reference);
        var events = session.Client.WatchRunAsync(reference, ct);
        RunInfo? last;
        if (session.Json)
        {
            last = null;
            await foreach (var e in events.WithCancellation(ct))
            {
                await session.WriteJsonAsync(e, ct);
                last = e.Run;
            }
        }
        else if (session.Context.OutputIsTerminal)
        {
            last = await WatchLiveAsync(session, events, ct);
        }
        else
        {
            // No terminal to redraw on (--output table into a file): the final state once.
            last = null;
            await foreach (var e in events.WithCancellation(ct))
            {
                last = e.Run;
            }

            if (last is not null)
            {
                session.Console().Write(RunView.Render(last, await RunPrinter.DefinitionOfAsync(session.Client, last, ct)));
            }
        }

        return await EndAsync(session, reference, last);
    }

    private static async Task<RunInfo?> WatchLiveAsync(ServerSession session, IAsyncEnumerable<RunEvent> events, CancellationToken cancellationToken)
    {
        RunInfo? last = null;
        WorkflowDefinition? definition = null;
        await session.Console().Live(new Text("waiting for the run...")).AutoClear(false).StartAsync(async live =>
        {
            await foreach (var e in events.WithCancellation(cancellationToken))
            {
                if (last is null)
                {
                    definition = await RunPrinter.DefinitionOfAsync(session.Client, e.Run, cancellationToken);
                }

                last = e.Run;
                live.UpdateTarget(RunView.Render(e.Run, definition));
                live.Refresh();
            }
        });
        return last;
    }

    private static async Task<int> EndAsync(ServerSession session, RunReference reference, RunInfo? last)
    {
        if (last is null || !last.Status.IsFinal())
        {
            await session.Context.Error.WriteLineAsync($"error: the server's event stream of run {reference} ended before the run did{(last is null ? "" : $" (last seen {last.Status})")}.");
            return ExitCodes.Unavailable;
        }

        if (last.Status == RunStatus.Succeeded)
        {
            return ExitCodes.Ok;
        }

        await session.Context.Error.WriteLineAsync($"error: run {reference} {last.Status.ToString().ToLowerInvariant()}{(last.Error is null ? "" : ": " + last.Error)}");
        return last.Status == RunStatus.Stopped ? ExitCodes.RunStopped : ExitCodes.RunFailed;
    }
}
