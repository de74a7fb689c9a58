namespace OrleansMaestro.Grains.Steps;

/// <summary>Settings of <see cref="DotnetStepRunner"/>.</summary>
public sealed class DotnetStepOptions
{
    /// <summary>Relative <see cref="Abstractions.Definitions.DotnetStep.Assembly"/> paths resolve against this folder (default: the app's base directory).</summary>
    public string? StepAssemblyDirectory { get; set; }
}
