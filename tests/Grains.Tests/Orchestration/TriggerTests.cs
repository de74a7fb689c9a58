using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Grains.Tests.Orchestration;

[Collection(OrchestrationCollection.Name)]
public sealed class TriggerTests(OrchestrationCluster cluster)
{
    [Fact]
    public async Task A_cron_trigger_starts_runs_on_its_schedule()
    {
        var u = OrchestrationCluster.Unique();
        var log = Path.Combine(cluster.Folder, $"cron-{u}");
        // Every second (the six-field form with seconds).
        var definition = new WorkflowBuilder($"cron-{u}").OnCron("* * * * * *")
            .Shell("tick", $"echo \"$MAESTRO_RUN\" >> '{log}'")
            .Build();
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(definition.Id);
        await grain.PutDefinitionAsync(definition);

        await OrchestrationCluster.WaitUntilAsync(async () => (await grain.ListRunsAsync(10)).Count(r => r.Status == RunStatus.Succeeded) >= 3,
            TimeSpan.FromSeconds(30), () => "three cron runs");
        var runs = (await grain.ListRunsAsync(100)).Where(r => r.Status == RunStatus.Succeeded).OrderBy(r => r.RunNumber).ToArray();
        await grain.DeleteAsync();

        Assert.All(runs, r => Assert.Equal(RunTriggers.Cron, r.Trigger));
        Assert.True(File.ReadAllLines(log).Length >= 3);
        // Occurrences are a second apart: the runs did not all start at once.
        Assert.True(runs[^1].CreatedAt - runs[0].CreatedAt >= TimeSpan.FromSeconds(1.5), $"{runs[0].CreatedAt:O} .. {runs[^1].CreatedAt:O}");

        // A deleted workflow fires no more.
        var count = File.ReadAllLines(log).Length;
        await Task.Delay(2500);
        Assert.InRange(File.ReadAllLines(log).Length, count, count + 1); // at most one that was already starting
    }

    [Fact]
    public async Task A_backfill_recomputes_an_explicit_range_and_leaves_the_watermark_alone()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.back_{u}", counts = $"agg.back_{u}";
        await cluster.CreateEventsAsync(raw);
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>($"back-{u}");
        await grain.PutDefinitionAsync(Pipelines.Aggregate($"back-{u}", raw, counts).Build());
        var snapshots = new List<long>();
        foreach (var (start, count) in new[] { (0, 10), (10, 20), (30, 5) })
        {
            snapshots.Add((await cluster.AppendEventsAsync(raw, start, count)).CurrentSnapshot!.SnapshotId);
            await cluster.WaitForIdleAsync($"back-{u}");
        }

        var before = (await grain.GetAsync())!;
        var markersBefore = (await cluster.MarkersAsync(counts)).Count;

        // From the table's first snapshot through the second: rows 0..29.
        var number = await grain.StartRunAsync(new RunRequest { Sources = [new SnapshotRange { Table = raw, FromExclusive = null, ToInclusive = snapshots[1] }] });
        var run = await cluster.WaitForRunAsync($"back-{u}", number);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(RunTriggers.Backfill, run.Trigger);
        Assert.Equal("false", run.Steps.Single().Outputs["skipped-duplicate"]);
        var table = await cluster.Catalog.LoadTableAsync(TableIdentifier.Parse(counts));
        var backfilled = table.CurrentSnapshot!;
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), backfilled.Summary["maestro.run"]);
        var backfilledRows = new List<object?[]>();
        await foreach (var row in table.NewIncrementalAppendScan().FromSnapshotExclusive(backfilled.ParentSnapshotId).ToSnapshot(backfilled.SnapshotId).ReadRowsAsync())
        {
            backfilledRows.Add(row);
        }

        Assert.Equal(Pipelines.Expected(Enumerable.Range(0, 30)), Pipelines.Totals(backfilledRows));
        Assert.Equal(markersBefore + 1, (await cluster.MarkersAsync(counts)).Count);
        Assert.Equal(before.Watermarks, (await grain.GetAsync())!.Watermarks);

        // A backfill over a table the workflow does not read is refused, naming it.
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.StartRunAsync(new RunRequest { Sources = [new SnapshotRange { Table = "raw.elsewhere", ToInclusive = 1 }] }));
        Assert.Contains("raw.elsewhere", error.Message);
    }

    [Fact]
    public async Task A_commit_that_goes_around_the_catalog_push_is_found_by_polling()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.poll_{u}", counts = $"agg.poll_{u}";
        await cluster.CreateEventsAsync(raw);
        await cluster.PutAsync(Pipelines.Aggregate($"poll-{u}", raw, counts).Build());

        // Another writer on the same catalog database, with no commit observer: nobody tells the cluster.
        await using var store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(cluster.Folder, "catalog.db") });
        var outsider = new SqlCatalog(store, new OrleansMaestro.Iceberg.IO.LocalFileIO(), new CatalogOptions { Warehouse = Path.Combine(cluster.Folder, "warehouse") });
        var table = await outsider.LoadTableAsync(TableIdentifier.Parse(raw));
        await table.AppendRowsAsync(Steps.SqlWarehouse.Events(0, 25));

        var run = await cluster.WaitForRunAsync($"poll-{u}", 1, TimeSpan.FromSeconds(30));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(Pipelines.Expected(Enumerable.Range(0, 25)), Pipelines.Totals(await cluster.ReadAsync(counts)));
    }
}
