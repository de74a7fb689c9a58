namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>Where and how a shard writes its result: the target table's schema and partition spec, and file locations.</summary>
[GenerateSerializer, Alias("maestro.SqlShardTarget")]
public sealed record SqlShardTarget
{
    /// <summary><c>namespace.table</c>, for messages.</summary>
    [Id(0)] public required string Table { get; init; }

    /// <summary>The target's current Iceberg schema as JSON; result columns map onto it by name.</summary>
    [Id(1)] public required string SchemaJson { get; init; }

    /// <summary>The target's default partition spec as JSON; rows are split into one file per partition.</summary>
    [Id(2)] public required string PartitionSpecJson { get; init; }

    /// <summary>The folder the data files go to (the table's <c>data</c> folder).</summary>
    [Id(3)] public required string DataLocation { get; init; }

    /// <summary>
    /// Starts every file name (workflow, run, step, attempt), so a file in storage tells which attempt wrote it, and
    /// files of uncommitted attempts can be found and removed.
    /// </summary>
    [Id(4)] public required string FileNamePrefix { get; init; }

    /// <summary>Rows per data file before a new one is started.</summary>
    [Id(5)] public int TargetRowsPerFile { get; init; } = 1_000_000;
}
