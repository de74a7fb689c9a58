using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Grains.Tests.Orchestration;

/// <summary>The workflow registry (the workflow list) and the lineage graph it gives.</summary>
[Collection(OrchestrationCollection.Name)]
public sealed class RegistryTests(OrchestrationCluster cluster)
{
    private IWorkflowRegistryGrain Registry => cluster.Grains.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key);

    [Fact]
    public async Task A_stored_workflow_is_listed_with_what_it_reads_writes_and_listens_to()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.reg_{u}", dim = $"ref.reg_{u}", counts = $"agg.reg_{u}", id = $"reg-{u}";
        await cluster.CreateEventsAsync(raw);
        await cluster.CreateEventsAsync(dim);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await cluster.PutAsync(new WorkflowBuilder(id).Description("counts").OnTableCommit(raw).OnSignal($"reg-{u}").LastOnly()
            .Sql("agg", "SELECT kind, count(*) AS n FROM events GROUP BY kind", counts,
                [new SqlInput { Table = raw, As = "events" }, new SqlInput { Table = dim, As = "dim", Mode = SqlInputMode.Full }])
            .Build());

        var summary = Assert.Single(await Registry.ListAsync(), w => w.Id == id);

        Assert.Equal("counts", summary.Description);
        Assert.Equal(1, summary.ActiveVersion);
        Assert.Equal(1, summary.LatestVersion);
        Assert.Equal(RunStrategyKind.LastOnly, summary.Strategy.Kind);
        Assert.Equal([raw, dim], summary.Reads);
        Assert.Equal([counts], summary.Writes);
        Assert.Equal([$"reg-{u}"], summary.Signals);
        Assert.InRange(summary.UpdatedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));

        var list = await Registry.ListAsync();
        Assert.Equal(list.Select(w => w.Id).Order(StringComparer.Ordinal), list.Select(w => w.Id));

        // A second version and an activation update the entry.
        await cluster.PutAsync(new WorkflowBuilder(id).OnManual().Noop("only").Build());
        Assert.Equal((2, 2), await VersionsAsync(id));
        await cluster.Grains.GetGrain<IWorkflowGrain>(id).ActivateVersionAsync(1);
        Assert.Equal((1, 2), await VersionsAsync(id));
    }

    [Fact]
    public async Task A_workflow_registers_again_when_it_activates()
    {
        var u = OrchestrationCluster.Unique();
        var id = $"reg-act-{u}";
        var grain = cluster.Grains.GetGrain<IWorkflowGrain>(id);
        await grain.PutDefinitionAsync(new WorkflowBuilder(id).OnManual().Noop("only").Build());
        // As if it had been stored before the registry existed.
        await Registry.UnregisterAsync(id);
        Assert.DoesNotContain(await Registry.ListAsync(), w => w.Id == id);

        await cluster.DeactivateAsync(grain);
        await grain.GetAsync();

        Assert.Contains(await Registry.ListAsync(), w => w.Id == id);
    }

    [Fact]
    public async Task Lineage_follows_a_two_level_chain_and_a_table_graph_holds_only_its_upstream_and_downstream()
    {
        var u = OrchestrationCluster.Unique();
        string raw = $"raw.lin_{u}", counts = $"agg.lin_{u}", totals = $"agg.lintot_{u}", side = $"agg.linside_{u}";
        string agg = $"lin-agg-{u}", tot = $"lin-tot-{u}", other = $"lin-other-{u}";
        await cluster.CreateEventsAsync(raw);
        await cluster.CreateEventsAsync(counts); // the second level's trigger table must exist
        await cluster.PutAsync(Pipelines.Aggregate(agg, raw, counts).Build());
        await cluster.PutAsync(Pipelines.Totals(tot, counts, totals).Build());
        await cluster.PutAsync(Pipelines.Aggregate(other, raw, side).Build()); // a sibling reader of raw

        var whole = await Registry.GetLineageAsync(null);
        Assert.Contains(whole.Edges, e => e.From == raw && e.To == agg && e.Kind == LineageEdgeKinds.Reads);
        Assert.Contains(whole.Edges, e => e.From == agg && e.To == counts && e.Kind == LineageEdgeKinds.Writes);
        Assert.Contains(whole.Edges, e => e.From == counts && e.To == tot && e.Kind == LineageEdgeKinds.Reads);
        Assert.Contains(whole.Edges, e => e.From == tot && e.To == totals && e.Kind == LineageEdgeKinds.Writes);

        var fromRaw = await Registry.GetLineageAsync(raw);
        Assert.Equal(Sorted(raw, agg, counts, tot, totals, other, side), fromRaw.Nodes.Select(n => n.Id));
        Assert.Equal(6, fromRaw.Edges.Count);

        var aroundCounts = await Registry.GetLineageAsync(counts);
        Assert.Equal(Sorted(raw, agg, counts, tot, totals), aroundCounts.Nodes.Select(n => n.Id)); // not the sibling
        Assert.Equal(LineageNodeKinds.Workflow, aroundCounts.Nodes.Single(n => n.Id == tot).Kind);
        Assert.Equal(LineageNodeKinds.Table, aroundCounts.Nodes.Single(n => n.Id == totals).Kind);

        var upstreamOfTotals = await Registry.GetLineageAsync(totals);
        Assert.Equal(Sorted(raw, agg, counts, tot, totals), upstreamOfTotals.Nodes.Select(n => n.Id));

        // Deleting the second level takes it out of the list and the graph.
        await cluster.Grains.GetGrain<IWorkflowGrain>(tot).DeleteAsync();
        Assert.DoesNotContain(await Registry.ListAsync(), w => w.Id == tot);
        Assert.Equal(Sorted(raw, agg, counts), (await Registry.GetLineageAsync(counts)).Nodes.Select(n => n.Id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Registry.GetLineageAsync(totals)); // nobody writes it, and it was never created
    }

    [Fact]
    public async Task A_catalog_table_no_workflow_touches_is_a_graph_of_itself_and_an_unknown_table_is_not_found()
    {
        var u = OrchestrationCluster.Unique();
        var lonely = $"raw.lonely_{u}";
        await cluster.CreateEventsAsync(lonely);

        var graph = await Registry.GetLineageAsync(lonely);

        var node = Assert.Single(graph.Nodes);
        Assert.Equal((lonely, LineageNodeKinds.Table), (node.Id, node.Kind));
        Assert.Empty(graph.Edges);
        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => Registry.GetLineageAsync($"raw.nowhere_{u}"));
        Assert.Contains($"raw.nowhere_{u}", error.Message);
    }

    private async Task<(int Active, int Latest)> VersionsAsync(string id)
    {
        var summary = (await Registry.ListAsync()).Single(w => w.Id == id);
        return (summary.ActiveVersion, summary.LatestVersion);
    }

    private static string[] Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];
}
