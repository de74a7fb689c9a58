using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// Runs one attempt of one kind of step (<c>noop</c>, <c>sleep</c>, <c>shell</c>, <c>http</c>, <c>sql</c>, <c>dotnet</c>).
/// Runners are plain services (no Orleans types), so each is tested on its own; the step grain picks the runner by
/// <see cref="StepType"/>. A runner returns the step's outputs on success and throws <see cref="StepFailedException"/>
/// (with a message a user can act on) when the attempt fails.
/// </summary>
public interface IStepRunner
{
    /// <summary>The step type name it runs, as in the definition JSON.</summary>
    string StepType { get; }

    Task<IReadOnlyDictionary<string, string>> RunAsync(StepWork work, CancellationToken cancellationToken);
}
