using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// One attempt of one step (key: <c>workflowId/runNumber/stepId/attempt</c>). Runs the step in the background and reports
/// the result to its run; the run polls <see cref="GetStateAsync"/> too, so an attempt whose silo died is noticed
/// (its new activation has no work: <see cref="StepAttemptState.Lost"/>) and retried.
/// </summary>
[Alias("maestro.IStepGrain")]
public interface IStepGrain : IGrainWithStringKey
{
    /// <summary>Starts the attempt (idempotent).</summary>
    [Alias("Start")]
    Task StartAsync(StepWork work);

    [Alias("GetState"), AlwaysInterleave]
    Task<StepAttemptResult> GetStateAsync();

    [Alias("Cancel"), AlwaysInterleave]
    Task CancelAsync();
}
