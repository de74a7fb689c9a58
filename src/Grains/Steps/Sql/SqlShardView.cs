namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>A DuckDB view of a shard: the files of one input (all of them, or this shard's slice of a sharded input).</summary>
[GenerateSerializer, Alias("maestro.SqlShardView")]
public sealed record SqlShardView
{
    /// <summary>The name the query uses.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary><c>namespace.table</c> the view reads, for messages.</summary>
    [Id(1)] public required string Table { get; init; }

    /// <summary>
    /// The table's current Iceberg schema as JSON: types the view when it has no files (an empty range must still
    /// expose the right columns) and projects rows when deletes have to be applied.
    /// </summary>
    [Id(2)] public required string SchemaJson { get; init; }

    [Id(3)] public required IReadOnlyList<SqlShardInputFile> Files { get; init; }
}
