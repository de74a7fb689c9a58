using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Api;

/// <summary>
/// Reads, stops and restarts one run through the grains, with the rules the HTTP API and the SDK's Orleans client both
/// answer by (as <see cref="RunWatch"/> watches for both): a run is read through its workflow, which also knows queued
/// runs; a queued run has no run grain yet, so it can be neither stopped nor restarted.
/// </summary>
public static class RunControl
{
    /// <summary>The run as it is. A run that does not exist: <see cref="KeyNotFoundException"/>.</summary>
    public static async Task<RunInfo> GetAsync(IGrainFactory grains, RunReference run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(run);
        return await grains.GetGrain<IWorkflowGrain>(run.WorkflowId).GetRunAsync(run.RunNumber).WaitAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"Run {run} does not exist.");
    }

    /// <summary>
    /// Stops the run and returns it as it is after the stop; a finished run is returned as it is. A queued run:
    /// <see cref="InvalidOperationException"/> (its run grain's stop would do nothing while the run still starts later).
    /// </summary>
    public static async Task<RunInfo> StopAsync(IGrainFactory grains, RunReference run, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(grains, run, cancellationToken);
        if (current.Status.IsFinal())
        {
            return current;
        }

        if (current.Revision == 0)
        {
            throw new InvalidOperationException(
                $"Run {run} is queued and has not started, so it cannot be stopped yet; stop it once it runs, or delete the workflow to drop its queued runs.");
        }

        await grains.GetGrain<IRunGrain>(run.ToString()).StopAsync().WaitAsync(cancellationToken);
        return await GetAsync(grains, run, cancellationToken);
    }

    /// <summary>
    /// Restarts the run from its failed steps and returns it; <see cref="InvalidOperationException"/> when it may not be
    /// (queued, or a run the grain refuses to restart).
    /// </summary>
    public static async Task<RunInfo> RestartAsync(IGrainFactory grains, RunReference run, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(grains, run, cancellationToken);
        if (current.Revision == 0)
        {
            throw new InvalidOperationException($"Run {run} is {current.Status} and has not started; only a failed, timed-out or stopped run can be restarted.");
        }

        await grains.GetGrain<IRunGrain>(run.ToString()).RestartAsync().WaitAsync(cancellationToken);
        return await GetAsync(grains, run, cancellationToken);
    }
}
