namespace OrleansMaestro.Telemetry.Tests;

/// <summary>Finds, in exported spans, a downstream commit whose ancestry reaches back to an upstream commit.</summary>
public static class TraceChains
{
    /// <summary>
    /// An agg.event_counts commit span whose ancestors (Orleans' grain-call spans in between are skipped) are, in
    /// order: the hourly-aggregate step, its run, the workflow's signal, and a raw.events commit, all in one trace.
    /// Returns its trace id, or null with what was seen in <paramref name="seen"/>.
    /// </summary>
    public static string? FindUpstreamToDownstream(IReadOnlyList<OtlpSpan> spans, out string seen)
    {
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var names = spans.GroupBy(s => s.Name).Select(g => $"{g.Key} x{g.Count()}");
        seen = $"{spans.Count} spans: {string.Join(", ", names)}";
        foreach (var downstream in spans.Where(s => s.Name == "maestro.table.commit" && s["table"] == "agg.event_counts"))
        {
            var chain = new List<OtlpSpan>();
            for (var span = downstream; span is not null; span = byId.GetValueOrDefault(span.ParentSpanId))
            {
                Assert.Equal(downstream.TraceId, span.TraceId);
                if (span.Name.StartsWith("maestro.", StringComparison.Ordinal))
                {
                    chain.Add(span);
                }
            }

            var described = string.Join(" <- ", chain.Select(s => $"{s.Name}({s["table"] ?? s["workflow"]})"));
            if (chain.Count >= 5
                && chain[1] is { Name: "maestro.step" } step && step["workflow"] == "hourly-aggregate" && step["maestro.step_id"] == "aggregate"
                && chain[2] is { Name: "maestro.run" } run && run["workflow"] == "hourly-aggregate"
                && chain[3] is { Name: "maestro.workflow.signal" } signal && signal["workflow"] == "hourly-aggregate" && signal["table"] == "raw.events"
                && chain[4] is { Name: "maestro.table.commit" } upstream && upstream["table"] == "raw.events")
            {
                return downstream.TraceId;
            }

            seen += $"; chain: {described}";
        }

        return null;
    }
}
