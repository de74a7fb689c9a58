using System.Globalization;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Silo.Diagnostics;

/// <summary>One line per workflow, the same from the demo's end and from <c>--print-state</c>, so they can be compared.</summary>
internal static class WorkflowStateText
{
    public static string Format(string workflowId, WorkflowInfo? info)
    {
        if (info is null)
        {
            return $"state {workflowId}: not stored";
        }

        var watermarks = info.Watermarks.Count == 0
            ? "none"
            : string.Join(", ", info.Watermarks.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key}@{w.Value}")));
        var active = info.ActiveRuns.Count == 0 ? "none" : string.Join(",", info.ActiveRuns);
        return string.Create(CultureInfo.InvariantCulture,
            $"state {workflowId}: version {info.Definition.Version}, last run {info.LastRunNumber}, active runs {active}, watermarks {watermarks}");
    }
}
