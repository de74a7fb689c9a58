using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class SiloFailureTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task Shards_of_a_big_incremental_step_are_placed_across_the_silos_and_committed_as_one_snapshot()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.shards_{u}", counts = $"agg.shards_{u}";
        await cluster.CreateEventsAsync(raw);
        for (var i = 0; i < 12; i++)
        {
            await cluster.AppendEventsAsync(raw, i * 10, 10); // before the workflow exists: one run reads all 12 files
        }

        await cluster.PutAsync(ShardedAggregate($"shards-{u}", raw, counts).Build());
        var run = await cluster.WaitForRunAsync($"shards-{u}", 1);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var outputs = run.Steps.Single().Outputs;
        Assert.Equal(("12", "12"), (outputs["shards"], outputs["input-files"]));
        // 12 shards placed at random over 3 silos all land on one silo with probability 3 * (1/3)^12.
        Assert.True(outputs["shard-silos"].Split(',').Length >= 2, $"shards ran on {outputs["shard-silos"]}");
        Assert.Single(await cluster.MarkersAsync(counts));
        Assert.Equal(Pipelines.Expected(Enumerable.Range(0, 120)), Pipelines.Totals(await cluster.ReadAsync(counts)));
    }

    [Fact]
    public async Task A_step_whose_silo_dies_after_committing_is_replaced_and_the_run_finishes_exactly_once()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.kill_{u}", counts = $"agg.kill_{u}";
        await cluster.CreateEventsAsync(raw);
        var workflow = cluster.Grains.GetGrain<IWorkflowGrain>($"kill-{u}");
        await workflow.PutDefinitionAsync(ShardedAggregate($"kill-{u}", raw, counts).Build());
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);

        var ids = new List<int>();
        SiloAddress? victim = null;
        for (var attempt = 0; attempt < 12 && victim is null; attempt++)
        {
            // Hold the next commit to the target right after it lands, unless it happens on the primary silo (which
            // the test cluster's membership needs) or on the silo holding the workflow grain (whose reminders then
            // lived in memory on that silo too; the cluster profile keeps them in PostgreSQL).
            var held = CommitHold.ArmAsync(counts, cluster.Cluster.Primary!.SiloAddress);
            await cluster.AppendEventsAsync(raw, ids.Count, 15);
            ids.AddRange(Enumerable.Range(ids.Count, 15));
            if (await Task.WhenAny(held, cluster.WaitForIdleAsync($"kill-{u}")) != held || !held.IsCompleted)
            {
                continue;
            }

            var silo = await held;
            if (await management.GetActivationAddress(workflow) is { } workflowSilo && workflowSilo.Equals(silo))
            {
                CommitHold.Disarm();
                continue;
            }

            victim = silo;
        }

        Assert.NotNull(victim);
        var heldRun = (await workflow.GetAsync())!.ActiveRuns.Single();
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(victim)));
        try
        {
            await cluster.WaitForIdleAsync($"kill-{u}", TimeSpan.FromSeconds(120));

            var run = await cluster.WaitForRunAsync($"kill-{u}", heldRun);
            Assert.Equal(RunStatus.Succeeded, run.Status);
            var step = run.Steps.Single();
            Assert.True(step.Attempts >= 2, $"the lost attempt was replaced ({step.Attempts} attempts)");
            var markers = await cluster.MarkersAsync(counts);
            var seen = $"run {heldRun}: attempts {step.Attempts}, outputs {string.Join(", ", step.Outputs)}; markers {string.Join(", ", markers)}";
            // The replacement found the commit of the lost attempt.
            Assert.True(step.Outputs["skipped-duplicate"] == "true", seen);
            Assert.Equal(markers.Count, markers.Select(m => m.Run).Distinct().Count());
            Assert.Equal(Pipelines.Expected(ids), Pipelines.Totals(await cluster.ReadAsync(counts)));
        }
        finally
        {
            CommitHold.Disarm();
            await cluster.Cluster.StartAdditionalSiloAsync(); // back to three silos for the other tests
        }
    }

    private static WorkflowBuilder ShardedAggregate(string id, string source, string target) => new WorkflowBuilder(id)
        .OnTableCommit(source)
        .Step(new SqlStep
        {
            Id = "aggregate",
            Query = "SELECT kind, count(*) AS n, sum(coalesce(amount, 0)) AS amount FROM events GROUP BY kind",
            Target = target,
            Inputs = [new SqlInput { Table = source, As = "events", Mode = SqlInputMode.Incremental }],
            MaxFilesPerShard = 1,
        });
}
