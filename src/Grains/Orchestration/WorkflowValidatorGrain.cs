using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>Validates definitions as storing them would, without storing (any silo answers).</summary>
[StatelessWorker]
public sealed class WorkflowValidatorGrain : Grain, IWorkflowValidatorGrain
{
    public Task<IReadOnlyList<DefinitionError>> ValidateAsync(WorkflowDefinition definition) =>
        Task.FromResult(WorkflowValidator.Validate(definition));
}
