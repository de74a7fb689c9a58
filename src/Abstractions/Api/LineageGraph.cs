namespace OrleansMaestro.Abstractions.Api;

/// <summary>Which workflows read and write which tables: nodes are tables and workflows, edges point the way data flows.</summary>
[GenerateSerializer, Alias("maestro.LineageGraph")]
public sealed partial record LineageGraph
{
    [Id(0)] public IReadOnlyList<LineageNode> Nodes { get; init; } = [];

    /// <summary>table → workflow (<see cref="LineageEdgeKinds.Reads"/>) and workflow → table (<see cref="LineageEdgeKinds.Writes"/>).</summary>
    [Id(1)] public IReadOnlyList<LineageEdge> Edges { get; init; } = [];
}

[GenerateSerializer, Alias("maestro.LineageNode")]
public sealed record LineageNode
{
    /// <summary><c>namespace.table</c> or the workflow id.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary><see cref="LineageNodeKinds.Table"/> or <see cref="LineageNodeKinds.Workflow"/>.</summary>
    [Id(1)] public required string Kind { get; init; }
}

[GenerateSerializer, Alias("maestro.LineageEdge")]
public sealed record LineageEdge
{
    [Id(0)] public required string From { get; init; }

    [Id(1)] public required string To { get; init; }

    [Id(2)] public required string Kind { get; init; }
}

public static class LineageNodeKinds
{
    public const string Table = "table";
    public const string Workflow = "workflow";
}

public static class LineageEdgeKinds
{
    public const string Reads = "reads";
    public const string Writes = "writes";
}
