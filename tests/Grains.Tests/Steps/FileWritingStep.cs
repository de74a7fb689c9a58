using OrleansMaestro.Abstractions.Steps;

namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>
/// A dotnet step with a parameterless constructor, for loading the test assembly from its file into its own load
/// context: it writes the run's ids to the file named by the <c>out</c> setting.
/// </summary>
public sealed class FileWritingStep : IWorkflowStep
{
    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken) =>
        await File.WriteAllTextAsync(context.Settings["out"], $"{context.WorkflowId}/{context.RunNumber}/{context.StepId}#{context.Attempt}", cancellationToken);
}
