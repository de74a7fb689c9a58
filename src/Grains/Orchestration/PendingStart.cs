using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>A run start that waits for the run strategy to allow it.</summary>
[GenerateSerializer, Alias("maestro.PendingStart")]
public sealed class PendingStart
{
    [Id(0)] public long RunNumber { get; set; }

    [Id(1)] public string Trigger { get; set; } = RunTriggers.Manual;

    [Id(2)] public Dictionary<string, string> Parameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the start was asked for (null in state written before this was recorded).</summary>
    [Id(3)] public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>W3C traceparent of the request or signal that asked for the start.</summary>
    [Id(4)] public string? TraceParent { get; set; }
}
