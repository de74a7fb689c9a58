using System.Runtime.CompilerServices;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Api;

/// <summary>
/// Watches one run through the grains: what the SSE endpoint (<see cref="ApiRoutes.RunEvents"/>) streams and what the
/// SDK's Orleans client returns from <c>WatchRunAsync</c>.
/// </summary>
public static class RunWatch
{
    /// <summary>How long one long-poll of the run grain waits (well under Orleans' 30 s response timeout).</summary>
    internal static readonly TimeSpan PollWait = TimeSpan.FromSeconds(10);

    /// <summary>How often a queued run (no run grain yet) is looked at again.</summary>
    internal static readonly TimeSpan QueuedRecheck = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The events of <paramref name="run"/>: first a <see cref="RunEventTypes.Snapshot"/> of the run as it is (a queued
    /// run shows as <see cref="RunStatus.Queued"/>), then one <see cref="RunEventTypes.RunStatusChanged"/> event per
    /// status change and one <see cref="RunEventTypes.StepChanged"/> event per step status or attempt change, each
    /// carrying the whole run (see <see cref="RunChanges.Between"/>). The sequence ends by itself after the event that
    /// shows the run in a final status. A run that does not exist: <see cref="KeyNotFoundException"/>.
    /// </summary>
    public static IAsyncEnumerable<RunEvent> WatchAsync(IGrainFactory grains, RunReference run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(run);
        return WatchAsync(grains, run, PollWait, QueuedRecheck, cancellationToken);
    }

    internal static async IAsyncEnumerable<RunEvent> WatchAsync(
        IGrainFactory grains,
        RunReference run,
        TimeSpan pollWait,
        TimeSpan queuedRecheck,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var workflow = grains.GetGrain<IWorkflowGrain>(run.WorkflowId);
        var current = await workflow.GetRunAsync(run.RunNumber).WaitAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"Run {run} does not exist.");
        long sequence = 1;
        yield return RunChanges.Snapshot(current, sequence++);

        // The run grain's key is the run's reference (workflowId/runNumber).
        var runGrain = grains.GetGrain<IRunGrain>(run.ToString());
        while (!current.Status.IsFinal())
        {
            cancellationToken.ThrowIfCancellationRequested();
            RunInfo? next;
            if (current.Revision == 0)
            {
                // Queued in its workflow: there is no run grain to wait on until the run strategy starts it.
                next = await runGrain.GetAsync().WaitAsync(cancellationToken);
                if (next is null)
                {
                    await Task.Delay(queuedRecheck, cancellationToken);
                    next = await workflow.GetRunAsync(run.RunNumber).WaitAsync(cancellationToken);
                }
            }
            else
            {
                next = await runGrain.WaitForChangeAsync(current.Revision, pollWait).WaitAsync(cancellationToken);
            }

            if (next is null)
            {
                throw new KeyNotFoundException($"Run {run} no longer exists.");
            }

            foreach (var change in RunChanges.Between(current, next, sequence))
            {
                sequence++;
                yield return change;
            }

            current = next;
        }
    }
}
