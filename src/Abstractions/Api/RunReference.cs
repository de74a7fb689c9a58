using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OrleansMaestro.Abstractions.Api;

/// <summary>Names one run: its workflow and number. Written <c>workflowId/runNumber</c> (e.g. <c>agg-events/12</c>).</summary>
[GenerateSerializer, Alias("maestro.RunReference")]
public sealed record RunReference
{
    [Id(0)] public required string WorkflowId { get; init; }

    [Id(1)] public required long RunNumber { get; init; }

    public override string ToString() => $"{WorkflowId}/{RunNumber.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads <c>workflowId/runNumber</c>; false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RunReference? run)
    {
        run = null;
        var slash = text?.LastIndexOf('/') ?? -1;
        if (slash <= 0 || !long.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return false;
        }

        run = new RunReference { WorkflowId = text![..slash], RunNumber = number };
        return true;
    }
}
