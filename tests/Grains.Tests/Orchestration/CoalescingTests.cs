using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class CoalescingTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task A_burst_of_100_commits_runs_a_few_times_and_loses_or_doubles_no_row()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.burst_{u}", counts = $"agg.burst_{u}";
        await cluster.CreateEventsAsync(raw);
        await cluster.PutAsync(Pipelines.Aggregate($"burst-{u}", raw, counts).Build());

        var ids = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            var size = 1 + (i * 7 % 5);
            await cluster.AppendEventsAsync(raw, ids.Count, size);
            ids.AddRange(Enumerable.Range(ids.Count, size));
        }

        var info = await cluster.WaitForIdleAsync($"burst-{u}");
        var runs = await cluster.RunsAsync($"burst-{u}");
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.InRange(runs.Count, 1, 30); // sequential runs coalesce whatever arrived while the previous one ran
        Assert.Equal(info.Latest[raw], info.Watermarks[raw]);

        // The runs' ranges tile the table's history: each starts where the previous ended.
        long? end = null;
        foreach (var run in runs.OrderBy(r => r.RunNumber))
        {
            var range = Assert.Single(run.Sources);
            Assert.Equal(end, range.FromExclusive);
            end = range.ToInclusive;
        }

        Assert.Equal(Pipelines.Expected(ids), Pipelines.Totals(await cluster.ReadAsync(counts)));
    }
}
