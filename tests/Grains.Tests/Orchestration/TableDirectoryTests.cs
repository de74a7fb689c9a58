using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Steps.Sql;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>The table directory reads real tables of the silos' catalog.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class TableDirectoryTests(OrchestrationCluster cluster)
{
    private ITableDirectoryGrain Directory => cluster.Grains.GetGrain<ITableDirectoryGrain>(ITableDirectoryGrain.Key);

    [Fact]
    public async Task A_table_shows_its_snapshots_oldest_first_with_markers_schema_subscribers_and_writers()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.dir_{u}", counts = $"agg.dir_{u}", id = $"dir-{u}";
        await cluster.CreateEventsAsync(raw);
        await cluster.PutAsync(Pipelines.Aggregate(id, raw, counts).Build());
        var first = (await cluster.AppendEventsAsync(raw, 0, 10)).CurrentSnapshot!;
        await cluster.WaitForIdleAsync(id);
        var second = (await cluster.AppendEventsAsync(raw, 10, 5)).CurrentSnapshot!;
        await cluster.WaitForIdleAsync(id);

        var source = await Directory.GetTableAsync(raw);

        Assert.NotNull(source);
        Assert.Equal(raw, source.Table);
        Assert.Equal(2, source.FormatVersion);
        Assert.Equal(second.SnapshotId, source.CurrentSnapshotId);
        Assert.Equal(second.SequenceNumber, source.CurrentSequenceNumber);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(second.TimestampMs), source.LastCommitAt);
        Assert.EndsWith(".metadata.json", source.MetadataLocation);
        Assert.Equal([first.SnapshotId, second.SnapshotId], source.Snapshots.Select(s => s.SnapshotId));
        Assert.Equal(first.SnapshotId, source.Snapshots[1].ParentSnapshotId);
        Assert.All(source.Snapshots, s => Assert.Equal("append", s.Operation));
        Assert.Equal("5", source.Snapshots[1].Summary["added-records"]);
        Assert.Equal([id], source.Subscribers);
        Assert.Empty(source.Writers);
        Assert.Equal(["id:long:True", "kind:string:False", "amount:long:False", "ts:timestamptz:False"], source.Columns.Select(c => $"{c.Name}:{c.Type}:{c.Required}"));
        Assert.Equal([1, 2, 3, 4], source.Columns.Select(c => c.FieldId));

        var target = await Directory.GetTableAsync(counts);
        Assert.NotNull(target);
        Assert.Equal([id], target.Writers);
        Assert.Empty(target.Subscribers);
        var succeeded = (await cluster.RunsAsync(id)).Where(r => r.Status == RunStatus.Succeeded)
            .Select(r => r.RunNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.NotEmpty(target.Snapshots);
        Assert.All(target.Snapshots, s => Assert.Equal(id, s.Summary[SqlCommitMarkers.Workflow]));
        Assert.All(target.Snapshots, s => Assert.Contains(s.Summary[SqlCommitMarkers.Run], succeeded));
        Assert.Equal(target.Snapshots.OrderBy(s => s.SequenceNumber).Select(s => s.SnapshotId), target.Snapshots.Select(s => s.SnapshotId));

        var list = await Directory.ListTablesAsync();
        Assert.Equal(list.Select(t => t.Table).Order(StringComparer.Ordinal), list.Select(t => t.Table));
        var listed = Assert.Single(list, t => t.Table == raw);
        Assert.Equal(second.SnapshotId, listed.CurrentSnapshotId);
        Assert.Equal(source.LastCommitAt, listed.LastCommitAt);
        Assert.Contains(list, t => t.Table == counts && t.CurrentSnapshotId == target.CurrentSnapshotId);
    }

    [Fact]
    public async Task A_table_without_snapshots_is_listed_without_a_current_snapshot()
    {
        var u = OrchestrationCluster.Unique();
        var empty = $"raw.empty_{u}";
        await cluster.CreateEventsAsync(empty);

        var details = await Directory.GetTableAsync(empty);

        Assert.NotNull(details);
        Assert.Null(details.CurrentSnapshotId);
        Assert.Null(details.LastCommitAt);
        Assert.Empty(details.Snapshots);
        Assert.Contains(await Directory.ListTablesAsync(), t => t.Table == empty && t.CurrentSnapshotId is null);
    }

    [Fact]
    public async Task A_missing_table_is_null_and_a_malformed_name_an_argument_error()
    {
        Assert.Null(await Directory.GetTableAsync($"raw.missing_{OrchestrationCluster.Unique()}"));
        Assert.Null(await Directory.GetTableAsync($"nowhere_{OrchestrationCluster.Unique()}.missing"));

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Directory.GetTableAsync("no_namespace"));
        Assert.Equal("table", error.ParamName);
    }
}
