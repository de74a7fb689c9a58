namespace OrleansMaestro.Telemetry.Tests;

/// <summary>One span as an OTLP export carried it (ids in lower-case hex; parent empty for a root span).</summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes)
{
    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;
}
