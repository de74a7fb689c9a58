using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class RecomputeTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task The_incremental_aggregate_equals_a_full_recompute_after_50_random_commits()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.random_{u}", counts = $"agg.random_{u}", totals = $"agg.random_totals_{u}";
        await cluster.CreateEventsAsync(raw);
        await cluster.PutAsync(Pipelines.Aggregate($"random-{u}", raw, counts).Build());
        var random = new Random(20261125);
        var ids = new List<int>();
        var totalsStored = false;
        for (var i = 0; i < 50; i++)
        {
            var size = random.Next(1, 40);
            await cluster.AppendEventsAsync(raw, ids.Count, size);
            ids.AddRange(Enumerable.Range(ids.Count, size));
            if (random.Next(4) == 0)
            {
                await Task.Delay(random.Next(0, 300)); // sometimes let runs catch up, sometimes pile commits up
            }

            if (!totalsStored && await cluster.ExistsAsync(counts))
            {
                // The second level joins mid-stream and catches up from the first snapshot of the counts.
                await cluster.PutAsync(Pipelines.Totals($"random-totals-{u}", counts, totals).Build());
                totalsStored = true;
            }
        }

        await cluster.WaitForIdleAsync($"random-{u}");
        Assert.True(totalsStored);
        await cluster.WaitForIdleAsync($"random-totals-{u}");

        // The full recompute, done here in C# over every row ever appended, not by the SQL under test.
        var expected = Pipelines.Expected(ids);
        Assert.Equal(expected, Pipelines.Totals(await cluster.ReadAsync(counts)));
        Assert.Equal(expected, Pipelines.Totals(await cluster.ReadAsync(totals)));
        Assert.All(await cluster.RunsAsync($"random-{u}"), r => Assert.Equal(RunStatus.Succeeded, r.Status));
    }
}
