using OrleansMaestro.Grains.Steps.Sql;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// Sends each shard of a SQL step to its own <see cref="ISqlShardGrain"/>, placed anywhere in the cluster. A shard
/// whose silo cannot be reached or dies under it (a silo killed and not yet declared dead is still a placement
/// target) is lost, not failed: it is placed again, a few times, without failing the step attempt.
/// </summary>
public sealed class GrainSqlShardExecutor(IGrainFactory grains) : ISqlShardExecutor
{
    /// <summary>Placements of one shard that may be lost with their silo before the shard fails.</summary>
    public const int MaxLostPlacements = 5;

    private static readonly TimeSpan LostBackoff = TimeSpan.FromMilliseconds(500);

    public async Task<SqlShardOutput> ExecuteShardAsync(SqlShard shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shard);
        for (var lost = 0; ; lost++)
        {
            // A fresh key per call: shards never share an activation, so they can run side by side on different silos,
            // and a shard placed again gets a new random placement.
            var key = $"{shard.StepId}/shard-{shard.Index}-of-{shard.Count}/{Guid.NewGuid():N}";
            try
            {
                return await grains.GetGrain<ISqlShardGrain>(key).ExecuteAsync(shard, cancellationToken);
            }
            catch (Exception e) when (IsLostSilo(e) && lost < MaxLostPlacements && !cancellationToken.IsCancellationRequested)
            {
                // The shard is stateless and its files are uploaded but never committed: running it again is safe.
                await Task.Delay(LostBackoff, cancellationToken);
            }
        }
    }

    /// <summary>The call never reached a live silo (connection refused, message rejected) or the silo died during it.</summary>
    internal static bool IsLostSilo(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException;
}
