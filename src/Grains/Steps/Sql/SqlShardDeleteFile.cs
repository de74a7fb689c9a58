namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>A position or equality delete file that applies to an input file.</summary>
[GenerateSerializer, Alias("maestro.SqlShardDeleteFile")]
public sealed record SqlShardDeleteFile
{
    [Id(0)] public required string Path { get; init; }

    /// <summary>True for equality deletes (rows matching <see cref="EqualityFieldIds"/> are deleted), false for position deletes.</summary>
    [Id(1)] public bool IsEquality { get; init; }

    [Id(2)] public IReadOnlyList<int> EqualityFieldIds { get; init; } = [];
}
