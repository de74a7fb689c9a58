namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// One unit of a SQL step's work: the query over views of concrete files, writing its result as data files of the
/// target. Self-contained and serializable (plain strings, numbers and lists), so the grain layer can run shards on
/// any silo: the executor only needs the catalog's file IO, not the catalog itself. Planned by
/// <see cref="SqlStepPlanner"/>, run by <see cref="ISqlShardExecutor"/>.
/// </summary>
[GenerateSerializer, Alias("maestro.SqlShard")]
public sealed record SqlShard
{
    /// <summary>The step id, for messages and logs.</summary>
    [Id(0)] public required string StepId { get; init; }

    /// <summary>0-based position of this shard among <see cref="Count"/>.</summary>
    [Id(1)] public required int Index { get; init; }

    [Id(2)] public required int Count { get; init; }

    [Id(3)] public required string Query { get; init; }

    [Id(4)] public required IReadOnlyList<SqlShardView> Views { get; init; }

    [Id(5)] public required SqlShardTarget Target { get; init; }
}
