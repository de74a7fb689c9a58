using System.Diagnostics;

namespace OrleansMaestro.Cluster.Bench;

/// <summary>A grain that does nothing but answer: the cost of one Orleans grain call and nothing else.</summary>
[Alias("bench.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<long> PingAsync(long value);
}

internal sealed class PingGrain : Grain, IPingGrain
{
    public Task<long> PingAsync(long value) => Task.FromResult(value + 1);
}

/// <summary>
/// The raw grain-call rate: <c>callers</c> concurrent loops, each calling its own ping grain (one activation per
/// caller, as each run has its own run grain) back to back for a fixed time. Every answer is checked.
/// </summary>
internal static class GrainCallBench
{
    public sealed record Result(long Calls, TimeSpan Elapsed)
    {
        public double PerSecond => Calls / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(IGrainFactory grains, int callers, TimeSpan duration, CancellationToken cancellationToken)
    {
        // Activates every grain (and JIT-compiles the call path) before the clock starts.
        await Task.WhenAll(Enumerable.Range(0, callers).Select(i => grains.GetGrain<IPingGrain>(i).PingAsync(0)));
        await Loop(grains, callers, TimeSpan.FromSeconds(1), cancellationToken);

        var watch = Stopwatch.StartNew();
        var calls = await Loop(grains, callers, duration, cancellationToken);
        return new Result(calls, watch.Elapsed);
    }

    private static async Task<long> Loop(IGrainFactory grains, int callers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(async i =>
        {
            var grain = grains.GetGrain<IPingGrain>(i);
            long n = 0;
            while (Stopwatch.GetTimestamp() < until && !cancellationToken.IsCancellationRequested)
            {
                var answer = await grain.PingAsync(n);
                if (answer != n + 1)
                {
                    throw new InvalidOperationException($"ping grain {i} answered {answer} to {n}");
                }

                n++;
            }

            return n;
        }));
        return counts.Sum();
    }
}
