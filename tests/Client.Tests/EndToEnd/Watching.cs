using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Client.Tests.EndToEnd;

internal static class Watching
{
    /// <summary>Every event of the run's watch, which must end (with the run's final status) within <paramref name="timeout"/>.</summary>
    public static async Task<List<RunEvent>> UntilEndAsync(this IMaestroClient client, RunReference run, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var events = new List<RunEvent>();
        await foreach (var change in client.WatchRunAsync(run, cancel.Token))
        {
            events.Add(change);
        }

        Assert.NotEmpty(events);
        Assert.True(events[^1].Run.Status.IsFinal(), $"the watch ended with the run {events[^1].Run.Status}");
        return events;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the run.</summary>
    public static async Task<RunInfo> UntilAsync(this IMaestroClient client, RunReference run, Func<RunInfo, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var info = await client.GetRunAsync(run);
            if (condition(info))
            {
                return info;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {run} never got there; it is {info.Status}");
            await Task.Delay(200);
        }
    }
}
