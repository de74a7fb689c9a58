using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// Checks a definition as storing it would (tables included, against the silo's catalog) without storing anything
/// (a stateless worker: any silo answers, key <see cref="Key"/>).
/// </summary>
[Alias("maestro.IWorkflowValidatorGrain")]
public interface IWorkflowValidatorGrain : IGrainWithStringKey
{
    public const string Key = "validator";

    /// <summary>Every problem of <paramref name="definition"/>, each with its JSON path; empty when it is valid.</summary>
    [Alias("Validate")]
    Task<IReadOnlyList<DefinitionError>> ValidateAsync(WorkflowDefinition definition);
}
