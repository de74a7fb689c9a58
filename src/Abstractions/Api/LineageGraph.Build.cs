namespace OrleansMaestro.Abstractions.Api;

public sealed partial record LineageGraph
{
    /// <summary>
    /// The graph of <paramref name="workflows"/>: a node per workflow and per table one of them reads or writes, an edge
    /// table → workflow per read and workflow → table per write. Nodes are ordered by id (then kind), edges by source and
    /// target, so the same workflows always give the same graph.
    /// </summary>
    public static LineageGraph Build(IEnumerable<WorkflowSummary> workflows)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        var nodes = new HashSet<LineageNode>();
        var edges = new HashSet<LineageEdge>();
        foreach (var workflow in workflows)
        {
            nodes.Add(new LineageNode { Id = workflow.Id, Kind = LineageNodeKinds.Workflow });
            foreach (var table in workflow.Reads)
            {
                nodes.Add(new LineageNode { Id = table, Kind = LineageNodeKinds.Table });
                edges.Add(new LineageEdge { From = table, To = workflow.Id, Kind = LineageEdgeKinds.Reads });
            }

            foreach (var table in workflow.Writes)
            {
                nodes.Add(new LineageNode { Id = table, Kind = LineageNodeKinds.Table });
                edges.Add(new LineageEdge { From = workflow.Id, To = table, Kind = LineageEdgeKinds.Writes });
            }
        }

        return Ordered(nodes, edges);
    }

    /// <summary>
    /// The part of this graph around <paramref name="table"/>: the table, everything upstream of it (the workflows that
    /// write it, the tables they read, and so on) and everything downstream (the workflows that read it, the tables they
    /// write, and so on), with the edges among those nodes. Null when the table is not in the graph.
    /// </summary>
    public LineageGraph? Around(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var start = new LineageNode { Id = table, Kind = LineageNodeKinds.Table };
        if (!Nodes.Contains(start))
        {
            return null;
        }

        var downstream = new Dictionary<LineageNode, List<LineageNode>>();
        var upstream = new Dictionary<LineageNode, List<LineageNode>>();
        foreach (var edge in Edges)
        {
            var (from, to) = Ends(edge);
            Add(downstream, from, to);
            Add(upstream, to, from);
        }

        var included = Reachable(start, downstream);
        included.UnionWith(Reachable(start, upstream));
        return Ordered(
            included,
            Edges.Where(e => Ends(e) is var (from, to) && included.Contains(from) && included.Contains(to)));
    }

    /// <summary>The nodes an edge joins: a read goes from a table to a workflow, a write from a workflow to a table.</summary>
    private static (LineageNode From, LineageNode To) Ends(LineageEdge edge) => edge.Kind == LineageEdgeKinds.Writes
        ? (new LineageNode { Id = edge.From, Kind = LineageNodeKinds.Workflow }, new LineageNode { Id = edge.To, Kind = LineageNodeKinds.Table })
        : (new LineageNode { Id = edge.From, Kind = LineageNodeKinds.Table }, new LineageNode { Id = edge.To, Kind = LineageNodeKinds.Workflow });

    private static void Add(Dictionary<LineageNode, List<LineageNode>> adjacency, LineageNode from, LineageNode to)
    {
        if (!adjacency.TryGetValue(from, out var next))
        {
            adjacency[from] = next = [];
        }

        next.Add(to);
    }

    private static HashSet<LineageNode> Reachable(LineageNode start, Dictionary<LineageNode, List<LineageNode>> adjacency)
    {
        var seen = new HashSet<LineageNode> { start };
        var queue = new Queue<LineageNode>([start]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in adjacency.GetValueOrDefault(node) ?? [])
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return seen;
    }

    private static LineageGraph Ordered(IEnumerable<LineageNode> nodes, IEnumerable<LineageEdge> edges) => new()
    {
        Nodes = [.. nodes.OrderBy(n => n.Id, StringComparer.Ordinal).ThenBy(n => n.Kind, StringComparer.Ordinal)],
        Edges = [.. edges.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal).ThenBy(e => e.Kind, StringComparer.Ordinal)],
    };

    /// <summary>A graph of just <paramref name="table"/>: a table of the catalog that no workflow reads or writes.</summary>
    public static LineageGraph OfTable(string table) => new() { Nodes = [new LineageNode { Id = table, Kind = LineageNodeKinds.Table }] };
}
