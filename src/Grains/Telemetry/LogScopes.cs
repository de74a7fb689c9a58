using Microsoft.Extensions.Logging;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Telemetry;

/// <summary>
/// Logging scopes with the run's ids, so every line a run or step writes (the step runners' too: scopes flow with
/// the async context) carries <c>WorkflowId</c> and <c>RunNumber</c> as structured fields, e.g. in the JSON console.
/// </summary>
public static class LogScopes
{
    public static IDisposable? Run(ILogger logger, RunPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return plan is null ? null : logger.BeginScope(new LogScope(
            $"{plan.Definition.Id}/{plan.RunNumber}",
            new("WorkflowId", plan.Definition.Id),
            new("RunNumber", plan.RunNumber)));
    }

    public static IDisposable? Step(ILogger logger, StepWork work)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(work);
        return logger.BeginScope(new LogScope(
            $"{work.WorkflowId}/{work.RunNumber}/{work.Step.Id}#{work.Attempt}",
            new("WorkflowId", work.WorkflowId),
            new("RunNumber", work.RunNumber),
            new("StepId", work.Step.Id),
            new("Attempt", work.Attempt)));
    }
}
