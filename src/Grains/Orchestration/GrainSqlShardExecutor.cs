using OrleansMaestro.Grains.Steps.Sql;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>Sends each shard of a SQL step to its own <see cref="ISqlShardGrain"/>, placed anywhere in the cluster.</summary>
public sealed class GrainSqlShardExecutor(IGrainFactory grains) : ISqlShardExecutor
{
    public Task<SqlShardOutput> ExecuteShardAsync(SqlShard shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        // A fresh key per call: shards never share an activation, so they can run side by side on different silos.
        var key = $"{shard.StepId}/shard-{shard.Index}-of-{shard.Count}/{Guid.NewGuid():N}";
        return grains.GetGrain<ISqlShardGrain>(key).ExecuteAsync(shard, cancellationToken);
    }
}
