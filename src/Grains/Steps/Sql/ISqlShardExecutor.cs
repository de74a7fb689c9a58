namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// Runs one shard of a SQL step and returns the data files it wrote (uploaded, not committed). The seam for placing
/// shards across the cluster: <see cref="SqlStepRunner"/> hands every shard to this interface, and the default
/// registration is the in-process <see cref="SqlShardExecutor"/>; the grain layer can register an implementation that
/// sends each shard to a shard grain on another silo, which in turn calls <see cref="SqlShardExecutor"/> there.
/// Both <see cref="SqlShard"/> and <see cref="SqlShardOutput"/> are Orleans-serializable records for that reason.
/// </summary>
public interface ISqlShardExecutor
{
    /// <summary>Throws <see cref="StepFailedException"/> for query and data errors (bad SQL, incompatible result columns).</summary>
    Task<SqlShardOutput> ExecuteShardAsync(SqlShard shard, CancellationToken cancellationToken);
}
