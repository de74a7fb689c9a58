using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Steps;

/// <summary>Helpers runners share for reading their <see cref="StepWork"/>.</summary>
internal static class StepWorkExtensions
{
    /// <summary>
    /// The work's step as the definition type a runner handles. A mismatch is a wiring bug (the grain picked the wrong
    /// runner), not a step failure, so it throws <see cref="ArgumentException"/> rather than <see cref="StepFailedException"/>.
    /// </summary>
    public static TStep StepAs<TStep>(this StepWork work)
        where TStep : StepDefinition
    {
        ArgumentNullException.ThrowIfNull(work);
        return work.Step as TStep
            ?? throw new ArgumentException(
                $"Step '{work.Step.Id}' is a '{work.Step.TypeName}' step; this runner runs {typeof(TStep).Name} steps.", nameof(work));
    }

    /// <summary>A short description for log scopes and messages: <c>workflow/run/step#attempt</c>.</summary>
    public static string Describe(this StepWork work) => $"{work.WorkflowId}/{work.RunNumber}/{work.Step.Id}#{work.Attempt}";
}
