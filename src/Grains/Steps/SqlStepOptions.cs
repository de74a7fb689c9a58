namespace OrleansMaestro.Grains.Steps;

/// <summary>Settings of <see cref="SqlStepRunner"/> and the shard executor it uses.</summary>
public sealed class SqlStepOptions
{
    /// <summary>
    /// Shard size for steps that do not set <see cref="Abstractions.Definitions.SqlStep.MaxFilesPerShard"/>; null or 0 runs
    /// such steps as one shard.
    /// </summary>
    public int? MaxFilesPerShardDefault { get; set; }

    /// <summary>Where each attempt gets its scratch folder (copied input files, DuckDB spill, output before upload). Default: the system temp folder.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>DuckDB's <c>memory_limit</c> per shard (e.g. <c>2GB</c>); null keeps DuckDB's default (80% of RAM).</summary>
    public string? DuckDbMemoryLimit { get; set; }

    /// <summary>DuckDB's <c>threads</c> per shard; null keeps DuckDB's default (all cores).</summary>
    public int? DuckDbThreads { get; set; }

    /// <summary>How many shards of one step run at once in this process.</summary>
    public int MaxParallelShards { get; set; } = 2;

    /// <summary>How many input files of a shard are fetched from object storage at once.</summary>
    public int DownloadParallelism { get; set; } = 4;

    /// <summary>Rows per output data file before a new one is started.</summary>
    public int TargetRowsPerFile { get; set; } = 1_000_000;

    /// <summary>
    /// Whether a result with no rows is still committed (as a snapshot with no files, carrying the markers). Off by
    /// default: an empty snapshot would wake downstream workflows for nothing, and redoing an empty result is harmless.
    /// </summary>
    public bool CommitEmptyResults { get; set; }
}
