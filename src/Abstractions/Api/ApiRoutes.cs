namespace OrleansMaestro.Abstractions.Api;

/// <summary>
/// The routes of the silo's HTTP API (version 1), shared by the silo, the HTTP client and the CLI so they cannot drift.
/// A run is addressed as <c>{workflowId}/{runNumber}</c> (see <see cref="RunReference"/>).
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";

    /// <summary>GET: list (<see cref="WorkflowSummary"/>); POST: create or update from a definition (returns <see cref="WorkflowVersionCreated"/>).</summary>
    public const string Workflows = Prefix + "/workflows";

    /// <summary>POST a definition: 200 when valid, 400 problem details naming every error otherwise; nothing is stored.</summary>
    public const string ValidateWorkflow = Prefix + "/workflows/validate";

    /// <summary>GET (<see cref="Grains.WorkflowInfo"/>), DELETE.</summary>
    public const string Workflow = Prefix + "/workflows/{workflowId}";

    /// <summary>GET: every stored version (<see cref="Grains.WorkflowVersionInfo"/>).</summary>
    public const string WorkflowVersions = Prefix + "/workflows/{workflowId}/versions";

    /// <summary>GET: the definition of one version.</summary>
    public const string WorkflowVersion = Prefix + "/workflows/{workflowId}/versions/{version}";

    /// <summary>POST: makes the version the one new runs use (returns <see cref="Grains.WorkflowInfo"/>).</summary>
    public const string ActivateWorkflowVersion = Prefix + "/workflows/{workflowId}/versions/{version}/activate";

    /// <summary>POST <see cref="StartRunRequest"/>: starts a manual run (202, <see cref="RunReference"/>); GET: the workflow's runs.</summary>
    public const string WorkflowRuns = Prefix + "/workflows/{workflowId}/runs";

    /// <summary>POST <see cref="BackfillRequest"/>: a run over explicit snapshot ranges (202, <see cref="RunReference"/>).</summary>
    public const string Backfills = Prefix + "/workflows/{workflowId}/backfills";

    /// <summary>GET: runs of every workflow, filtered by query string (<see cref="RunQuery"/>).</summary>
    public const string Runs = Prefix + "/runs";

    /// <summary>GET: one run with its steps (<see cref="Runs.RunInfo"/>).</summary>
    public const string Run = Prefix + "/workflows/{workflowId}/runs/{runNumber}";

    /// <summary>POST: stops the run (returns <see cref="Runs.RunInfo"/>).</summary>
    public const string StopRun = Prefix + "/workflows/{workflowId}/runs/{runNumber}/stop";

    /// <summary>POST: restarts the run from its failed steps (returns <see cref="Runs.RunInfo"/>).</summary>
    public const string RestartRun = Prefix + "/workflows/{workflowId}/runs/{runNumber}/restart";

    /// <summary>GET: server-sent events, one <see cref="RunEvent"/> per change, ending after the run's final status.</summary>
    public const string RunEvents = Prefix + "/workflows/{workflowId}/runs/{runNumber}/events";

    /// <summary>GET: the catalog's tables (<see cref="TableSummary"/>).</summary>
    public const string Tables = Prefix + "/tables";

    /// <summary>GET: one table (<see cref="TableDetails"/>); <c>{table}</c> is <c>namespace.table</c>.</summary>
    public const string Table = Prefix + "/tables/{table}";

    /// <summary>
    /// POST: re-reads the table's catalog pointer now and signals its workflows if it moved. For writers that commit
    /// around the silo (another engine on the same catalog), so their commit need not wait for the next poll.
    /// </summary>
    public const string RefreshTable = Prefix + "/tables/{table}/refresh";

    /// <summary>GET: the lineage graph around one table (everything upstream and downstream of it).</summary>
    public const string TableLineage = Prefix + "/tables/{table}/lineage";

    /// <summary>GET: the whole lineage graph (<see cref="LineageGraph"/>).</summary>
    public const string Lineage = Prefix + "/lineage";

    /// <summary>POST <see cref="SignalRequest"/>: an external signal; workflows with a matching signal trigger start (<see cref="SignalAccepted"/>).</summary>
    public const string Signal = Prefix + "/signals/{signal}";

    /// <summary>The OpenAPI document of this API.</summary>
    public const string OpenApiDocument = "/openapi/v1.json";

    /// <summary>The request header that carries an API key (the alternative is <c>Authorization: Bearer ...</c>).</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>
    /// <paramref name="template"/> (one of the routes above) with each <c>{name}</c> replaced by its escaped value, e.g.
    /// <c>Fill(Run, ("workflowId", "agg"), ("runNumber", "7"))</c> is <c>/api/v1/workflows/agg/runs/7</c>. A template
    /// parameter without a value, or a value for no parameter, is a programming error (the caller and the routes
    /// disagree), hence the exception.
    /// </summary>
    public static string Fill(string template, params (string Name, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var path = template;
        foreach (var (name, value) in values)
        {
            var placeholder = "{" + name + "}";
            if (!path.Contains(placeholder, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Route {template} has no parameter {name}.", nameof(values));
            }

            // Escaped so a workflow id or table name can never add a path segment or a query.
            path = path.Replace(placeholder, Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Route {template} still has parameters after filling: {path}", nameof(values));
        }

        return path;
    }
}
