using System.Globalization;
using System.Text;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Client.Http;

/// <summary>Request paths built from the <see cref="ApiRoutes"/> templates, so the client cannot drift from the silo.</summary>
internal static class ApiPaths
{
    /// <summary>
    /// <see cref="ApiRoutes.Fill"/>, relative to the base address, which may carry a path prefix of its own (a reverse
    /// proxy's).
    /// </summary>
    public static string Fill(string template, params (string Name, string Value)[] values) => ApiRoutes.Fill(template, values).TrimStart('/');

    public static string Workflow(string workflowId) => Fill(ApiRoutes.Workflow, ("workflowId", workflowId));

    public static string WorkflowVersions(string workflowId) => Fill(ApiRoutes.WorkflowVersions, ("workflowId", workflowId));

    public static string WorkflowVersion(string workflowId, int version) =>
        Fill(ApiRoutes.WorkflowVersion, ("workflowId", workflowId), ("version", Invariant(version)));

    public static string ActivateWorkflowVersion(string workflowId, int version) =>
        Fill(ApiRoutes.ActivateWorkflowVersion, ("workflowId", workflowId), ("version", Invariant(version)));

    public static string WorkflowRuns(string workflowId) => Fill(ApiRoutes.WorkflowRuns, ("workflowId", workflowId));

    public static string Backfills(string workflowId) => Fill(ApiRoutes.Backfills, ("workflowId", workflowId));

    public static string Run(RunReference run) => RunRoute(ApiRoutes.Run, run);

    public static string StopRun(RunReference run) => RunRoute(ApiRoutes.StopRun, run);

    public static string RestartRun(RunReference run) => RunRoute(ApiRoutes.RestartRun, run);

    public static string RunEvents(RunReference run) => RunRoute(ApiRoutes.RunEvents, run);

    public static string Table(string table) => Fill(ApiRoutes.Table, ("table", table));

    public static string RefreshTable(string table) => Fill(ApiRoutes.RefreshTable, ("table", table));

    public static string Lineage(string? table) => table is null ? Fill(ApiRoutes.Lineage) : Fill(ApiRoutes.TableLineage, ("table", table));

    public static string Signal(string signal) => Fill(ApiRoutes.Signal, ("signal", signal));

    /// <summary>GET <see cref="ApiRoutes.Runs"/> with the query's filters as query-string parameters
    /// (<c>workflow</c>, <c>status</c>, <c>since</c>, <c>until</c>, <c>limit</c>).</summary>
    public static string Runs(RunQuery? query)
    {
        var path = new StringBuilder(Fill(ApiRoutes.Runs));
        if (query is null)
        {
            return path.ToString();
        }

        var separator = '?';
        void Add(string name, string? value)
        {
            if (value is null)
            {
                return;
            }

            path.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        Add("workflow", query.WorkflowId);
        Add("status", query.Status is { } status ? StatusName(status) : null);
        Add("since", query.Since?.ToString("O", CultureInfo.InvariantCulture));
        Add("until", query.Until?.ToString("O", CultureInfo.InvariantCulture));
        Add("limit", Invariant(query.Limit));
        return path.ToString();
    }

    /// <summary>The camelCase name the API writes enums with (e.g. <c>timedOut</c>).</summary>
    public static string StatusName(RunStatus status)
    {
        var name = status.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static string RunRoute(string template, RunReference run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Fill(template, ("workflowId", run.WorkflowId), ("runNumber", Invariant(run.RunNumber)));
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
