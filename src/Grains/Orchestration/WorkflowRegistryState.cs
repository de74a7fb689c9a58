using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Grains.Orchestration;

[GenerateSerializer, Alias("maestro.WorkflowRegistryState")]
public sealed class WorkflowRegistryState
{
    /// <summary>Per workflow id, what its grain last registered.</summary>
    [Id(0)] public Dictionary<string, WorkflowSummary> Workflows { get; set; } = new(StringComparer.Ordinal);
}
