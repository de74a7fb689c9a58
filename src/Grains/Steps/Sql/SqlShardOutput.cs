namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>What a shard wrote: data files, uploaded but not yet committed (the step commits all shards' files as one snapshot).</summary>
[GenerateSerializer, Alias("maestro.SqlShardOutput")]
public sealed record SqlShardOutput
{
    [Id(0)] public required int Index { get; init; }

    [Id(1)] public required IReadOnlyList<SqlShardDataFile> Files { get; init; }

    [Id(2)] public long RecordCount { get; init; }

    /// <summary>How many input files the shard read (after localizing), for logs and outputs.</summary>
    [Id(3)] public int InputFileCount { get; init; }

    /// <summary>Where the shard ran (the silo's identity when placed by the grain layer; null in process).</summary>
    [Id(4)] public string? RanOn { get; init; }
}
