using Orleans.Placement;
using OrleansMaestro.Grains.Steps.Sql;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// Runs a shard with the silo's own <see cref="SqlShardExecutor"/>. Stateless and placed at random: a shard lost with
/// its silo is placed again by <see cref="GrainSqlShardExecutor"/>; a shard that fails fails its step attempt.
/// </summary>
[RandomPlacement]
public sealed class SqlShardGrain(SqlShardExecutor executor) : Grain, ISqlShardGrain
{
    public async Task<SqlShardOutput> ExecuteAsync(SqlShard shard, CancellationToken cancellationToken)
    {
        // Off the grain scheduler: DuckDB blocks its thread for the whole query.
        var output = await Task.Run(() => executor.ExecuteShardAsync(shard, cancellationToken), cancellationToken);
        return output with { RanOn = RuntimeIdentity };
    }
}
