using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Grains.Steps;

namespace OrleansMaestro.Grains.Tests.Steps;

public class NoopAndSleepStepRunnerTests
{
    [Fact]
    public async Task Noop_succeeds_with_no_outputs()
    {
        await using var services = RunnerHost.Build();
        var outputs = await services.Runner("noop").RunAsync(Work.For(new NoopStep { Id = "join" }), CancellationToken.None);
        Assert.Empty(outputs);
    }

    [Fact]
    public async Task A_runner_refuses_work_of_another_step_type()
    {
        await using var services = RunnerHost.Build();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => services.Runner("noop").RunAsync(Work.For(new SleepStep { Id = "nap" }), CancellationToken.None));
        Assert.Contains("'sleep'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sleep_waits_through_the_injected_time_provider()
    {
        var time = new RecordingTimeProvider();
        await using var services = RunnerHost.Build(s => s.AddSingleton<TimeProvider>(time));
        var watch = Stopwatch.StartNew();

        // One hour on the recording clock fires at once: the runner must be waiting on the injected provider, not the wall clock.
        var outputs = await services.Runner("sleep").RunAsync(Work.For(new SleepStep { Id = "nap", Duration = TimeSpan.FromHours(1) }), CancellationToken.None);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Contains(TimeSpan.FromHours(1), time.DueTimes);
        Assert.Equal("3600000", outputs["slept-ms"]);
    }

    [Fact]
    public async Task Sleep_really_waits_and_stops_when_cancelled()
    {
        await using var services = RunnerHost.Build();
        var runner = services.Runner("sleep");

        var watch = Stopwatch.StartNew();
        await runner.RunAsync(Work.For(new SleepStep { Id = "short", Duration = TimeSpan.FromMilliseconds(300) }), CancellationToken.None);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"returned after {watch.Elapsed}");

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        watch.Restart();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(Work.For(new SleepStep { Id = "long", Duration = TimeSpan.FromHours(1) }), cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {watch.Elapsed}");
    }

    /// <summary>Records each timer's due time and fires it at once.</summary>
    private sealed class RecordingTimeProvider : TimeProvider
    {
        public List<TimeSpan> DueTimes { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (DueTimes)
            {
                DueTimes.Add(dueTime);
            }

            return System.CreateTimer(callback, state, TimeSpan.Zero, period);
        }
    }
}
