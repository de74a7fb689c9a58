namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>A class that does not implement IWorkflowStep, for the error test.</summary>
public sealed class NotAStep
{
    public override string ToString() => nameof(NotAStep);
}
