namespace OrleansMaestro.Abstractions.Grains;

/// <summary>One stored version of a workflow's definition.</summary>
[GenerateSerializer, Alias("maestro.WorkflowVersionInfo")]
public sealed record WorkflowVersionInfo
{
    [Id(0)] public required int Version { get; init; }

    [Id(1)] public string? Description { get; init; }

    /// <summary>When the version was stored (null for versions stored before this was recorded).</summary>
    [Id(2)] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Whether new runs use this version.</summary>
    [Id(3)] public bool Active { get; init; }
}
