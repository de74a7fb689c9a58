using OrleansMaestro.Grains.Steps.Sql;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// Runs one shard of a SQL step on whichever silo it is placed on (key: <c>runKey/stepId/attempt/shard-N</c>), so
/// the shards of a large incremental step spread over the cluster. Its output files are uploaded but not committed;
/// the step attempt that fanned out commits every shard's files as one snapshot.
/// </summary>
[Alias("maestro.ISqlShardGrain")]
public interface ISqlShardGrain : IGrainWithStringKey
{
    /// <summary>A shard may run for a long time; the call waits for it (a dead silo fails the call at once through membership).</summary>
    [Alias("Execute"), ResponseTimeout("06:00:00")]
    Task<SqlShardOutput> ExecuteAsync(SqlShard shard, CancellationToken cancellationToken);
}
