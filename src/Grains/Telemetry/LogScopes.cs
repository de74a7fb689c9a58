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
        return plan is null ? null : logger.BeginScope(new Dictionary<string, object>
        {
            ["WorkflowId"] = plan.Definition.Id,
            ["RunNumber"] = plan.RunNumber,
        });
    }

    public static IDisposable? Step(ILogger logger, StepWork work)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(work);
        return logger.BeginScope(new Dictionary<string, object>
        {
            ["WorkflowId"] = work.WorkflowId,
            ["RunNumber"] = work.RunNumber,
            ["StepId"] = work.Step.Id,
            ["Attempt"] = work.Attempt,
        });
    }
}
