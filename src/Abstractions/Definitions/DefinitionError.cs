namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>One problem of a definition: <see cref="Path"/> is the JSON path of the field (e.g. <c>steps[2].dependsOn[0]</c>).</summary>
[GenerateSerializer, Alias("maestro.DefinitionError")]
public sealed record DefinitionError([property: Id(0)] string Path, [property: Id(1)] string Message);
