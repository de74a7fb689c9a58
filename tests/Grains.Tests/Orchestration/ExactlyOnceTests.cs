using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>Output is committed once per source snapshot, whatever happens to the runs that read it.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class ExactlyOnceTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task A_run_that_failed_after_its_commit_does_not_make_the_next_run_commit_those_rows_again()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.partial_{u}", counts = $"agg.partial_{u}";
        var gate = Path.Combine(cluster.Folder, $"gate-{u}");
        await cluster.CreateEventsAsync(raw);
        await cluster.PutAsync(Pipelines.Aggregate($"partial-{u}", raw, counts)
            .Shell("publish", $"[ -f '{gate}' ]", ["aggregate"])
            .Build());

        await cluster.AppendEventsAsync(raw, 0, 30);
        var first = await cluster.WaitForRunAsync($"partial-{u}", 1);
        Assert.Equal(RunStatus.Failed, first.Status);
        Assert.Equal(RunStatus.Succeeded, first.Steps.Single(s => s.StepId == "aggregate").Status);

        // The next run covers everything from the watermark (run 1 consumed nothing), but its SQL step sees that
        // run 1 already committed the rows of the first snapshot and reads only the new one.
        await File.WriteAllTextAsync(gate, "open");
        await cluster.AppendEventsAsync(raw, 30, 20);
        await cluster.WaitForIdleAsync($"partial-{u}");

        Assert.Equal(Pipelines.Expected(Enumerable.Range(0, 50)), Pipelines.Totals(await cluster.ReadAsync(counts)));
        var second = await cluster.WaitForRunAsync($"partial-{u}", 2);
        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Equal(RunStatus.Succeeded, second.Steps.Single(s => s.StepId == "aggregate").Status);
        Assert.Equal([1L, 2L], (await cluster.MarkersAsync(counts)).Select(m => m.Run).Order());
    }

    [Fact]
    public async Task Last_only_runs_superseded_after_their_commit_do_not_double_rows()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.last_{u}", counts = $"agg.last_{u}";
        await cluster.CreateEventsAsync(raw);
        // A slow step after the commit keeps each run active, so new commits supersede runs that already committed.
        await cluster.PutAsync(Pipelines.Aggregate($"last-{u}", raw, counts).LastOnly()
            .Sleep("linger", TimeSpan.FromMilliseconds(700), ["aggregate"])
            .Build());

        var ids = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            await cluster.AppendEventsAsync(raw, ids.Count, 10);
            ids.AddRange(Enumerable.Range(ids.Count, 10));
            await Task.Delay(400);
        }

        await cluster.WaitForIdleAsync($"last-{u}");
        var runs = await cluster.RunsAsync($"last-{u}");
        Assert.Contains(runs, r => r.Status == RunStatus.Stopped);
        Assert.Equal(Pipelines.Expected(ids), Pipelines.Totals(await cluster.ReadAsync(counts)));
    }
}
