using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>Builds the <see cref="StepWork"/> a step grain would hand to a runner.</summary>
internal static class Work
{
    public static StepWork For(
        StepDefinition step,
        IReadOnlyList<SnapshotRange>? sources = null,
        IReadOnlyDictionary<string, string>? parameters = null,
        string workflow = "wf",
        long run = 1,
        int attempt = 1) => new()
        {
            WorkflowId = workflow,
            RunNumber = run,
            Step = step,
            Attempt = attempt,
            Parameters = parameters ?? new Dictionary<string, string>(),
            Sources = sources ?? [],
            RunKey = $"{workflow}/{run}",
        };
}
