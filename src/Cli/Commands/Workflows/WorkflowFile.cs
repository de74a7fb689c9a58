using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary>One definition file as read: its definition, or why it could not be read (each error with its JSON path).</summary>
public sealed record WorkflowFile(string Path, string DisplayName, WorkflowDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
