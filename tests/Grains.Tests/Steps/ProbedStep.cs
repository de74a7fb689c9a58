using OrleansMaestro.Abstractions.Steps;

namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>A dotnet step defined in the test assembly: reports its context to the injected probe; fails when asked to.</summary>
public sealed class ProbedStep(StepProbe probe) : IWorkflowStep
{
    public Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        probe.Contexts.Enqueue(context);
        if (context.Settings.TryGetValue("fail-with", out var message))
        {
            throw new InvalidOperationException(message);
        }

        return Task.CompletedTask;
    }
}
