using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Orchestration;

// TEMPORARY (session in progress): the grains helper replaces these with the real versions and signals.
public sealed partial class WorkflowGrain
{
    public Task<IReadOnlyList<WorkflowVersionInfo>> ListVersionsAsync() => throw new NotImplementedException();

    public Task<WorkflowDefinition?> GetVersionAsync(int version) => throw new NotImplementedException();

    public Task<WorkflowInfo> ActivateVersionAsync(int version) => throw new NotImplementedException();

    public Task<RunInfo?> GetRunAsync(long runNumber) => throw new NotImplementedException();

    public Task<long> OnSignalAsync(string signal, IReadOnlyDictionary<string, string> parameters) => throw new NotImplementedException();
}
