namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>A data file a view reads, and the delete files whose rows must not appear in the view.</summary>
[GenerateSerializer, Alias("maestro.SqlShardInputFile")]
public sealed record SqlShardInputFile
{
    /// <summary>The file's location as the table's manifests hold it (local path, <c>file:</c>, <c>s3://</c> or <c>s3a://</c>).</summary>
    [Id(0)] public required string Path { get; init; }

    [Id(1)] public long RecordCount { get; init; }

    [Id(2)] public long FileSizeInBytes { get; init; }

    [Id(3)] public IReadOnlyList<SqlShardDeleteFile> Deletes { get; init; } = [];
}
