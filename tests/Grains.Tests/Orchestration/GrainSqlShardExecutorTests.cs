using System.Reflection;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Grains.Steps.Sql;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>
/// A shard placed on a silo that was killed but is not yet declared dead cannot be delivered
/// (<see cref="OrleansMessageRejectionException"/>), or its silo dies during the call (<see cref="SiloUnavailableException"/>):
/// the shard is placed again instead of failing the step attempt (found by tests/Silo.Tests' kill -9 test, where such an
/// attempt used up the retries of top-countries' rank step and failed its run).
/// </summary>
public sealed class GrainSqlShardExecutorTests
{
    private static readonly SqlShard Shard = new()
    {
        StepId = "rank",
        Index = 0,
        Count = 1,
        Query = "SELECT 1",
        Views = [],
        Target = new SqlShardTarget { Table = "agg.t", SchemaJson = "{}", PartitionSpecJson = "{}", DataLocation = "/tmp/t/data", FileNamePrefix = "x" },
    };

    [Fact]
    public async Task A_shard_lost_with_its_silo_is_placed_again_under_a_new_key()
    {
        var grains = ShardGrains.Create(
            Rejected("Unable to connect to S127.0.0.1:1:1"),
            new SiloUnavailableException("silo died"));

        var output = await new GrainSqlShardExecutor(grains).ExecuteShardAsync(Shard, CancellationToken.None);

        Assert.Equal(0, output.Index);
        var keys = ((ShardGrains)(object)grains).Keys;
        Assert.Equal(3, keys.Count);
        Assert.Equal(3, keys.Distinct().Count());
    }

    [Fact]
    public async Task A_shard_that_fails_on_its_silo_fails_the_attempt_at_once()
    {
        var grains = ShardGrains.Create(new InvalidOperationException("DuckDB: syntax error"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => new GrainSqlShardExecutor(grains).ExecuteShardAsync(Shard, CancellationToken.None));
        Assert.Single(((ShardGrains)(object)grains).Keys);
    }

    [Fact]
    public async Task A_shard_lost_again_and_again_fails_after_the_limit()
    {
        var failures = Enumerable.Range(0, GrainSqlShardExecutor.MaxLostPlacements + 1)
            .Select(_ => (Exception)new SiloUnavailableException("gone")).ToArray();
        var grains = ShardGrains.Create(failures);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => new GrainSqlShardExecutor(grains).ExecuteShardAsync(Shard, CancellationToken.None));
        Assert.Equal(GrainSqlShardExecutor.MaxLostPlacements + 1, ((ShardGrains)(object)grains).Keys.Count);
    }

    // Orleans makes this exception itself; its constructors are not public.
    private static OrleansMessageRejectionException Rejected(string message) =>
        (OrleansMessageRejectionException)Activator.CreateInstance(typeof(OrleansMessageRejectionException), BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null, [message], null)!;

    /// <summary>A grain factory whose shard grains throw the given exceptions in turn, then succeed.</summary>
    public class ShardGrains : DispatchProxy
    {
        private readonly Queue<Exception> _failures = new();

        public List<string> Keys { get; } = [];

        public static IGrainFactory Create(params Exception[] failures)
        {
            var factory = Create<IGrainFactory, ShardGrains>();
            foreach (var failure in failures)
            {
                ((ShardGrains)(object)factory)._failures.Enqueue(failure);
            }

            return factory;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && args is [string key, ..])
            {
                Keys.Add(key);
                return new FakeShardGrain(_failures.TryDequeue(out var failure) ? failure : null);
            }

            throw new NotSupportedException(targetMethod?.Name);
        }
    }

    private sealed class FakeShardGrain(Exception? failure) : ISqlShardGrain
    {
        public Task<SqlShardOutput> ExecuteAsync(SqlShard shard, CancellationToken cancellationToken) =>
            failure is null ? Task.FromResult(new SqlShardOutput { Index = shard.Index, Files = [] }) : Task.FromException<SqlShardOutput>(failure);
    }
}
