namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>A run parameter: given when a run is started manually, else its <see cref="Default"/>.</summary>
[GenerateSerializer, Alias("maestro.ParameterDefinition")]
public sealed record ParameterDefinition
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public string? Description { get; init; }

    /// <summary>The value when a run does not give one; a parameter without a default is required.</summary>
    [Id(2)] public string? Default { get; init; }
}
