using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>Validates definitions as storing them would (<see cref="DefinitionChecks"/>), without storing anything; any silo answers.</summary>
[StatelessWorker]
public sealed class WorkflowValidatorGrain(SqlCatalog catalog) : Grain, IWorkflowValidatorGrain
{
    public Task<IReadOnlyList<DefinitionError>> ValidateAsync(WorkflowDefinition definition) =>
        DefinitionChecks.ValidateAsync(definition, catalog, storedUnder: null);
}
