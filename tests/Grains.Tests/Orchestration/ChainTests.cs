using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>A commit starts the downstream run, whose commit starts the second-level run — under every run strategy.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class ChainTests(OrchestrationCluster cluster)
{
    public static TheoryData<RunStrategyKind> Strategies => [RunStrategyKind.Sequential, RunStrategyKind.Parallel, RunStrategyKind.FirstOnly, RunStrategyKind.LastOnly];

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task Commit_runs_the_downstream_workflow_whose_commit_runs_the_second_level(RunStrategyKind kind)
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.ev_{u}", counts = $"agg.counts_{u}", totals = $"agg.totals_{u}";
        await cluster.CreateEventsAsync(raw);
        var strategy = new RunStrategy { Kind = kind, MaxParallel = kind == RunStrategyKind.Parallel ? 3 : 0 };
        await cluster.PutAsync(Pipelines.Aggregate($"agg-{u}", raw, counts).Strategy(strategy).Build());

        await cluster.AppendEventsAsync(raw, 0, 40);
        var first = await cluster.WaitForRunAsync($"agg-{u}", 1);
        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal("table", first.Trigger);
        Assert.True(await cluster.ExistsAsync(counts), "the SQL step created its target table from the query's columns");

        // The second level subscribes once its source exists; it consumes the first commit on subscription.
        await cluster.PutAsync(Pipelines.Totals($"tot-{u}", counts, totals).Strategy(strategy).Build());
        var second = await cluster.WaitForRunAsync($"tot-{u}", 1);
        Assert.Equal(RunStatus.Succeeded, second.Status);

        // Two more commits travel the whole chain.
        await cluster.AppendEventsAsync(raw, 40, 25);
        await cluster.AppendEventsAsync(raw, 65, 35);
        await cluster.WaitForIdleAsync($"agg-{u}");
        await cluster.WaitForIdleAsync($"tot-{u}");

        var expected = Pipelines.Expected(Enumerable.Range(0, 100));
        Assert.Equal(expected, Pipelines.Totals(await cluster.ReadAsync(counts)));
        Assert.Equal(expected, Pipelines.Totals(await cluster.ReadAsync(totals)));

        var aggRuns = await cluster.RunsAsync($"agg-{u}");
        Assert.All(aggRuns.Where(r => r.Status == RunStatus.Succeeded), r => Assert.Equal("table", r.Trigger));
        // Every commit to the counts table came from a distinct successful run (no run committed twice).
        var markers = await cluster.MarkersAsync(counts);
        Assert.Equal(markers.Count, markers.Select(m => m.Run).Distinct().Count());
        Assert.All(markers, m => Assert.Equal($"agg-{u}", m.Workflow));
        if (kind != RunStrategyKind.LastOnly)
        {
            Assert.All(aggRuns, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        }
    }
}
