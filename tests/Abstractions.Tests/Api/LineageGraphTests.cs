using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Abstractions.Tests.Api;

public class LineageGraphTests
{
    // raw.events -> agg-events -> agg.counts -> totals -> agg.totals
    //                          \-> agg.kinds
    // raw.users  -> users      -> dim.users          (unrelated to the chain)
    // ref.countries -> agg-events (a second input of the first level)
    private static readonly WorkflowSummary[] Workflows =
    [
        Workflow("totals", ["agg.counts"], ["agg.totals"]),
        Workflow("agg-events", ["raw.events", "ref.countries"], ["agg.counts", "agg.kinds"]),
        Workflow("users", ["raw.users"], ["dim.users"]),
    ];

    [Fact]
    public void The_whole_graph_has_a_node_per_workflow_and_table_and_an_edge_per_read_and_write()
    {
        var graph = LineageGraph.Build(Workflows);

        Assert.Equal(
            ["agg-events:workflow", "agg.counts:table", "agg.kinds:table", "agg.totals:table", "dim.users:table", "raw.events:table",
             "raw.users:table", "ref.countries:table", "totals:workflow", "users:workflow"],
            graph.Nodes.Select(n => $"{n.Id}:{n.Kind}"));
        Assert.Equal(
            ["agg-events -writes-> agg.counts", "agg-events -writes-> agg.kinds", "agg.counts -reads-> totals", "raw.events -reads-> agg-events",
             "raw.users -reads-> users", "ref.countries -reads-> agg-events", "totals -writes-> agg.totals", "users -writes-> dim.users"],
            Edges(graph));
    }

    [Fact]
    public void Around_a_middle_table_is_everything_upstream_and_downstream_of_it_and_nothing_beside()
    {
        var graph = LineageGraph.Build(Workflows).Around("agg.counts");

        Assert.NotNull(graph);
        // agg.kinds is written by an upstream workflow but is neither upstream nor downstream of agg.counts.
        Assert.Equal(["agg-events", "agg.counts", "agg.totals", "raw.events", "ref.countries", "totals"], graph.Nodes.Select(n => n.Id));
        Assert.Equal(
            ["agg-events -writes-> agg.counts", "agg.counts -reads-> totals", "raw.events -reads-> agg-events", "ref.countries -reads-> agg-events", "totals -writes-> agg.totals"],
            Edges(graph));
    }

    [Fact]
    public void Around_a_source_table_is_its_downstream_two_levels_deep()
    {
        var graph = LineageGraph.Build(Workflows).Around("raw.events")!;

        Assert.Equal(["agg-events", "agg.counts", "agg.kinds", "agg.totals", "raw.events", "totals"], graph.Nodes.Select(n => n.Id));
        Assert.DoesNotContain(graph.Nodes, n => n.Id == "ref.countries"); // a sibling input, not downstream of raw.events
    }

    [Fact]
    public void Around_a_final_table_is_its_upstream_chain()
    {
        var graph = LineageGraph.Build(Workflows).Around("agg.totals")!;

        Assert.Equal(["agg-events", "agg.counts", "agg.totals", "raw.events", "ref.countries", "totals"], graph.Nodes.Select(n => n.Id));
    }

    [Fact]
    public void A_table_no_workflow_touches_is_not_in_the_graph()
    {
        var graph = LineageGraph.Build(Workflows);

        Assert.Null(graph.Around("raw.nothing"));
        // A workflow id is not a table, even when spelled like one.
        Assert.Null(LineageGraph.Build([Workflow("raw.events2", ["raw.a"], [])]).Around("raw.events2"));
        Assert.Equal("raw.nothing:table", Assert.Single(LineageGraph.OfTable("raw.nothing").Nodes) is var n ? $"{n.Id}:{n.Kind}" : null);
    }

    [Fact]
    public void A_cycle_through_two_workflows_ends()
    {
        var graph = LineageGraph.Build([Workflow("a", ["t.one"], ["t.two"]), Workflow("b", ["t.two"], ["t.one"])]).Around("t.one")!;

        Assert.Equal(["a", "b", "t.one", "t.two"], graph.Nodes.Select(n => n.Id));
        Assert.Equal(4, graph.Edges.Count);
    }

    [Fact]
    public void No_workflows_is_an_empty_graph()
    {
        var graph = LineageGraph.Build([]);

        Assert.Empty(graph.Nodes);
        Assert.Empty(graph.Edges);
    }

    private static WorkflowSummary Workflow(string id, IReadOnlyList<string> reads, IReadOnlyList<string> writes) =>
        new() { Id = id, Reads = reads, Writes = writes };

    private static IEnumerable<string> Edges(LineageGraph graph) => graph.Edges.Select(e => $"{e.From} -{e.Kind}-> {e.To}");
}
