using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// One run of a workflow (key: <c>workflowId/runNumber</c>). Walks the DAG of the definition version it started with:
/// starts ready steps (each attempt is a <see cref="IStepGrain"/>), retries with backoff, enforces timeouts, and can be
/// stopped or restarted from its failed steps. Its state is durable, so a run survives the loss of its silo.
/// </summary>
[Alias("maestro.IRunGrain")]
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Starts the run (idempotent: a second call with the same plan does nothing).</summary>
    [Alias("Start")]
    Task StartAsync(RunPlan plan);

    /// <summary>Null when no run has this key. Interleaves, so a status query never waits behind (or deadlocks with) a busy run.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<RunInfo?> GetAsync();

    /// <summary>
    /// Returns as soon as the run's <see cref="RunInfo.Revision"/> is above <paramref name="afterRevision"/> (at once when
    /// it already is), or the run as it is after <paramref name="maxWait"/>; null when no run has this key. Long-polling
    /// for watchers: keep <paramref name="maxWait"/> well under the client's response timeout (it is capped at
    /// <see cref="MaxWait"/>).
    /// </summary>
    [Alias("WaitForChange"), AlwaysInterleave]
    Task<RunInfo?> WaitForChangeAsync(long afterRevision, TimeSpan maxWait);

    /// <summary>The longest <see cref="WaitForChangeAsync"/> waits (Orleans' default response timeout is 30 s).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary>Stops running steps; the run ends as Stopped.</summary>
    [Alias("Stop")]
    Task StopAsync();

    /// <summary>
    /// Stops the run because a newer run of a last-only workflow replaces it. A run whose start was lost (its
    /// workflow's silo died between planning and starting it) is recorded as stopped, so every run number stays listed.
    /// </summary>
    [Alias("Supersede")]
    Task SupersedeAsync(RunPlan plan);

    /// <summary>
    /// Records a run that never started as stopped with <paramref name="reason"/> (a queued run its workflow dropped:
    /// a first-only workflow was busy, or the workflow was deleted), so every run number stays listed. Idempotent.
    /// </summary>
    [Alias("Skip")]
    Task SkipAsync(RunPlan plan, string reason);

    /// <summary>
    /// Runs the failed, timed-out or stopped steps (and what depends on them) again; succeeded steps are kept. A run that
    /// does not exist: <see cref="KeyNotFoundException"/>; one that may not be restarted: <see cref="InvalidOperationException"/>.
    /// </summary>
    [Alias("Restart")]
    Task RestartAsync();

    /// <summary>
    /// Makes sure an unfinished run is making progress (called after failovers; idempotent). Interleaves: the workflow
    /// pokes its runs while a run may be waiting on the workflow (a restart asks it first).
    /// </summary>
    [Alias("Poke"), AlwaysInterleave]
    Task PokeAsync();

    /// <summary>A step attempt finished (reported by its step grain).</summary>
    [Alias("OnStepAttemptFinished"), OneWay]
    Task OnStepAttemptFinishedAsync(StepAttemptResult result);
}
