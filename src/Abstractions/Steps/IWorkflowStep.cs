namespace OrleansMaestro.Abstractions.Steps;

/// <summary>
/// A step written in .NET (a <c>dotnet</c> step). The silo creates one instance per attempt with a public parameterless
/// constructor. Return normally to succeed; throw to fail the attempt (the workflow's retry policy applies).
/// </summary>
public interface IWorkflowStep
{
    Task ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}
