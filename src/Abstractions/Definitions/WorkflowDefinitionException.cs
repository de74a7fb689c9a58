namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>A workflow definition that cannot be accepted; <see cref="Errors"/> names each bad field.</summary>
[GenerateSerializer, Alias("maestro.WorkflowDefinitionException")]
public sealed class WorkflowDefinitionException : Exception
{
    public WorkflowDefinitionException(IReadOnlyList<DefinitionError> errors)
        : base("Invalid workflow definition: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")))
    {
        Errors = errors;
    }

    public WorkflowDefinitionException()
        : this([])
    {
    }

    public WorkflowDefinitionException(string message)
        : base(message)
    {
    }

    public WorkflowDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    [Id(0)] public IReadOnlyList<DefinitionError> Errors { get; } = [];
}
