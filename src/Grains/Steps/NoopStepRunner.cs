using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Steps;

/// <summary>Runs <see cref="NoopStep"/>: succeeds at once with no outputs (joins branches of a DAG, tests).</summary>
public sealed class NoopStepRunner : IStepRunner
{
    private static readonly IReadOnlyDictionary<string, string> NoOutputs = new Dictionary<string, string>();

    public string StepType => "noop";

    public Task<IReadOnlyDictionary<string, string>> RunAsync(StepWork work, CancellationToken cancellationToken)
    {
        work.StepAs<NoopStep>();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(NoOutputs);
    }
}
