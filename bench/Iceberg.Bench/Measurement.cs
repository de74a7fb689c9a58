using System.Diagnostics;

namespace OrleansMaestro.Iceberg.Bench;

/// <summary>One timed piece of work and what it processed.</summary>
internal sealed record Measurement(string Name, TimeSpan Elapsed, long Rows)
{
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;

    public static async Task<(Measurement Measurement, T Result)> TimeAsync<T>(string name, Func<Task<(long Rows, T Result)>> work)
    {
        var watch = Stopwatch.StartNew();
        var (rows, result) = await work();
        return (new Measurement(name, watch.Elapsed, rows), result);
    }
}
