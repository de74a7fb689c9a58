using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// The checks a definition passes before it is stored: <see cref="WorkflowValidator"/> with table existence from the
/// silo's catalog. Shared by <see cref="WorkflowGrain.PutDefinitionAsync"/> and <see cref="WorkflowValidatorGrain"/>, so
/// validating and storing can never disagree.
/// </summary>
internal static class DefinitionChecks
{
    /// <summary>
    /// Every problem of <paramref name="definition"/>; <paramref name="storedUnder"/> (when given) is the workflow id it is
    /// to be stored under, which the definition's id must match.
    /// </summary>
    public static async Task<IReadOnlyList<DefinitionError>> ValidateAsync(WorkflowDefinition definition, SqlCatalog catalog, string? storedUnder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var existence = await TableExistenceAsync(definition, catalog, cancellationToken);
        var errors = WorkflowValidator.Validate(definition, t => existence.GetValueOrDefault(t)).ToList();
        if (storedUnder is not null && definition.Id != storedUnder)
        {
            errors.Add(new DefinitionError("id", $"'{definition.Id}' does not match the workflow it is stored under ('{storedUnder}')."));
        }

        return errors;
    }

    /// <summary>The validator asks synchronously, so the catalog is asked first about every table it may ask about.</summary>
    private static async Task<Dictionary<string, bool>> TableExistenceAsync(WorkflowDefinition definition, SqlCatalog catalog, CancellationToken cancellationToken)
    {
        // Null lists and entries are the validator's to report; here they only name no table.
        var tables = (definition.Triggers ?? []).OfType<TableTrigger>().SelectMany(t => t.Tables ?? [])
            .Concat((definition.Steps ?? []).OfType<SqlStep>().SelectMany(s => (s.Inputs ?? []).Select(i => i?.Table)))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            try
            {
                result[table] = await catalog.TableExistsAsync(TableIdentifier.Parse(table), cancellationToken);
            }
            catch (FormatException)
            {
                result[table] = false; // the validator reports the malformed name itself
            }
        }

        return result;
    }
}
