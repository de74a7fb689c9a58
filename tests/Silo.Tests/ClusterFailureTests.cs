using Xunit.Abstractions;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.Catalog;
using static OrleansMaestro.Silo.Tests.ClusterPipeline;

namespace OrleansMaestro.Silo.Tests;

/// <summary>
/// Failure tolerance of the cluster profile with real processes: silo processes on one PostgreSQL running the sample
/// pipeline while the test commits to raw.events, and silos killed with SIGKILL, the whole cluster restarted,
/// PostgreSQL restarted and the S3 server taken away for 10 s. After each, every run finishes and the targets hold
/// exactly what a recompute gives, with no step's commit twice (see <see cref="ClusterPipeline"/>).
/// </summary>
[Collection(ClusterServers.Name)]
public sealed class ClusterFailureTests(PostgresServerFixture postgres, S3ServerFixture s3, ITestOutputHelper output)
{
    private const int Active = 3; // Orleans' SiloStatus.Active
    private const int Dead = 6;
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Kill_9_of_a_silo_with_a_run_in_flight_loses_and_doubles_nothing_and_the_restarted_silo_rejoins()
    {
        await using var pipeline = await ClusterPipeline.CreateAsync(output, postgres, silos: 3);
        await pipeline.StartSilosAsync();
        await pipeline.ConnectClientAsync();
        await pipeline.SetUpPipelineAsync();
        pipeline.StartGenerator(BatchInterval);

        // A run in flight; the victim is the silo of its run grain, unless that one also holds the workflow grain (the
        // next test kills that one): then another silo, which may be running the run's step.
        var run = await pipeline.WaitForRunningAggregateAsync();
        var runSlot = await pipeline.SlotHoldingAsync(pipeline.Client.GetGrain<IRunGrain>($"{Aggregate}/{run.RunNumber}"));
        var workflowSlot = await pipeline.SlotHoldingAsync(pipeline.Workflow(Aggregate));
        var victim = runSlot >= 0 && runSlot != workflowSlot ? runSlot : Enumerable.Range(0, 3).First(i => i != workflowSlot);
        pipeline.Note($"run {run.RunNumber} is on slot {runSlot}, the workflow on slot {workflowSlot}; killing slot {victim}");
        await pipeline.KillAsync(victim);

        // Commits keep coming while the others find out the silo is gone; then it comes back on the same ports.
        await Task.Delay(TimeSpan.FromSeconds(8));
        await pipeline.StartSilosAsync(victim);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await pipeline.StopGeneratorAsync();

        await pipeline.WaitUntilCaughtUpAsync(CatchUp);
        await pipeline.AssertEveryRunFinishedAsync();
        await pipeline.AssertExactlyOnceAsync();

        // Rejoined: a new generation of the silo's address is Active, the killed one was declared Dead.
        await pipeline.WaitAsync("the killed generation to be declared dead", TimeSpan.FromSeconds(60), async () =>
        {
            var rows = await pipeline.MembershipAsync(victim);
            return rows.Count == 2 && rows[0].Status == Dead && rows[1].Status == Active;
        });
    }

    [Fact]
    public async Task Kill_9_of_the_silo_holding_the_workflow_grain_loses_and_doubles_nothing()
    {
        await using var pipeline = await ClusterPipeline.CreateAsync(output, postgres, silos: 3);
        await pipeline.StartSilosAsync();
        await pipeline.ConnectClientAsync();
        await pipeline.SetUpPipelineAsync();
        pipeline.StartGenerator(BatchInterval);

        var run = await pipeline.WaitForRunningAggregateAsync();
        var workflowSlot = await pipeline.SlotHoldingAsync(pipeline.Workflow(Aggregate));
        Assert.True(workflowSlot >= 0, "the workflow grain is active somewhere");
        pipeline.Note($"run {run.RunNumber} in flight; the {Aggregate} workflow grain is on slot {workflowSlot}: killing it");
        await pipeline.KillAsync(workflowSlot);

        // No grain calls from here until the pipeline has caught up: only the cluster itself (table polls, the durable
        // keep-alive reminders) may bring the workflow back on a surviving silo.
        await Task.Delay(TimeSpan.FromSeconds(10));
        await pipeline.StopGeneratorAsync();
        await pipeline.WaitUntilCaughtUpAsync(CatchUp);

        await pipeline.AssertEveryRunFinishedAsync();
        await pipeline.AssertExactlyOnceAsync();
        var now = await pipeline.SlotHoldingAsync(pipeline.Workflow(Aggregate));
        Assert.True(now >= 0 && now != workflowSlot, $"the workflow grain moved to a surviving silo (slot {now})\n{pipeline.Log}");
    }

    [Fact]
    public async Task A_whole_cluster_restart_resumes_running_and_queued_runs_and_keeps_every_watermark()
    {
        await using var pipeline = await ClusterPipeline.CreateAsync(output, postgres, silos: 3);
        await pipeline.StartSilosAsync();
        await pipeline.ConnectClientAsync();
        await pipeline.SetUpPipelineAsync();
        pipeline.StartGenerator(BatchInterval);

        // 1. kill -9 of every silo with a run in flight; commits made while the cluster is down are queued work.
        var running = await pipeline.WaitForRunningAggregateAsync();
        var before = await pipeline.Workflow(Aggregate).GetAsync();
        await pipeline.DisconnectClientAsync();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(pipeline.KillAsync));
        pipeline.Note($"all silos killed; {Aggregate} had run {running.RunNumber} running, last run {before!.LastRunNumber}, active runs {string.Join(",", before.ActiveRuns)}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await pipeline.StopGeneratorAsync();
        await pipeline.AppendBatchAsync(300);
        await pipeline.StartSilosAsync();

        // Resumed by the cluster alone (durable reminders), seen in the tables before any grain call.
        await pipeline.WaitUntilCaughtUpAsync(CatchUp);
        await pipeline.ConnectClientAsync();
        var (aggregate, _) = await pipeline.AssertEveryRunFinishedAsync();
        await pipeline.AssertExactlyOnceAsync();
        Assert.True(aggregate.LastRunNumber > before.LastRunNumber, $"the queued commits got a run after the restart\n{pipeline.Log}");
        var runs = await pipeline.Workflow(Aggregate).ListRunsAsync(1000);
        Assert.Equal(RunStatus.Succeeded, runs.Single(r => r.RunNumber == running.RunNumber).Status);
        Assert.All(before.ActiveRuns, n => Assert.Equal(RunStatus.Succeeded, runs.Single(r => r.RunNumber == n).Status));
        var events = await pipeline.Catalog.LoadTableAsync(TableIdentifier.Parse(Events));
        var sequence = events.Metadata.Snapshots.ToDictionary(s => s.SnapshotId, s => s.SequenceNumber);
        if (before.Watermarks.TryGetValue(Events, out var watermarkBefore))
        {
            Assert.True(sequence[aggregate.Watermarks[Events]] >= sequence[watermarkBefore], "the watermark never moves back");
        }

        // 2. An idle cluster stopped gracefully (SIGTERM) and started again: the same watermarks and run counters.
        var idle = new[] { await pipeline.Workflow(Aggregate).GetAsync(), await pipeline.Workflow(Top).GetAsync() };
        await pipeline.DisconnectClientAsync();
        foreach (var slot in pipeline.Slots)
        {
            var stopped = await slot.Process!.StopGracefullyAsync();
            slot.Ended.Add(stopped);
            Assert.True(stopped.ExitCode == 0, stopped.ToString());
        }

        await pipeline.StartSilosAsync();
        await pipeline.ConnectClientAsync();
        var restarted = new[] { await pipeline.Workflow(Aggregate).GetAsync(), await pipeline.Workflow(Top).GetAsync() };
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(idle[i]!.Watermarks, restarted[i]!.Watermarks);
            Assert.Equal(idle[i]!.LastRunNumber, restarted[i]!.LastRunNumber);
            Assert.Equal(idle[i]!.Definition.Version, restarted[i]!.Definition.Version);
        }

        // And it carries on from there: one more commit, one more run numbered after the last.
        await pipeline.AppendBatchAsync(300);
        await pipeline.WaitUntilCaughtUpAsync(CatchUp);
        var (after, _) = await pipeline.AssertEveryRunFinishedAsync();
        await pipeline.AssertExactlyOnceAsync();
        Assert.Equal(idle[0]!.LastRunNumber + 1, after.LastRunNumber);
    }

    [Fact]
    public async Task PostgreSQL_restarted_during_runs_loses_and_doubles_nothing()
    {
        await using var pipeline = await ClusterPipeline.CreateAsync(output, postgres, silos: 2, s3);
        await pipeline.StartSilosAsync();
        await pipeline.ConnectClientAsync();
        await pipeline.SetUpPipelineAsync();
        pipeline.StartGenerator(BatchInterval);

        // Twice, each time with a run in flight: pg_ctl restart -m fast cuts every open connection (membership, grain
        // state, reminders, catalog) and refuses new ones until the server is back.
        var run = await pipeline.WaitForRunningAggregateAsync();
        await postgres.RestartAsync();
        pipeline.Note($"PostgreSQL restarted during run {run.RunNumber}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        run = await pipeline.WaitForRunningAggregateAsync(after: run.RunNumber);
        await postgres.RestartAsync();
        pipeline.Note($"PostgreSQL restarted during run {run.RunNumber}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await pipeline.StopGeneratorAsync();

        await pipeline.WaitUntilCaughtUpAsync(CatchUp);
        await pipeline.AssertEveryRunFinishedAsync();
        await pipeline.AssertExactlyOnceAsync();
    }

    [Fact]
    public async Task S3_down_for_10_s_during_a_run_is_retried_and_loses_and_doubles_nothing()
    {
        await using var pipeline = await ClusterPipeline.CreateAsync(output, postgres, silos: 2, s3);
        await pipeline.StartSilosAsync();
        await pipeline.ConnectClientAsync();
        // The samples' own retry policies (hourly-aggregate: 2 retries within 3 s; top-countries: none): riding out
        // the outage is the S3 client's job (its request retries with backoff), so no step fails.
        await pipeline.SetUpPipelineAsync();
        pipeline.StartGenerator(BatchInterval);

        var run = await pipeline.WaitForRunningAggregateAsync();
        await s3.StopAsync();
        pipeline.Note($"S3 stopped during run {run.RunNumber}");
        await Task.Delay(TimeSpan.FromSeconds(10));
        var backAt = DateTimeOffset.UtcNow;
        await s3.StartAsync();
        pipeline.Note("S3 started");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await pipeline.StopGeneratorAsync();

        await pipeline.WaitUntilCaughtUpAsync(CatchUp);
        await pipeline.AssertEveryRunFinishedAsync();
        await pipeline.AssertExactlyOnceAsync();
        // The writer's commit that met the outage waited for the store and landed after it; the run that consumed it
        // succeeded like every other (checked above), with the samples' own retry policies.
        var runs = await pipeline.Workflow(Aggregate).ListRunsAsync(1000);
        Assert.True(runs.Any(r => r.Status == RunStatus.Succeeded && r.FinishedAt > backAt),
            $"a run after the outage succeeded\n{pipeline.Log}");
    }
}
