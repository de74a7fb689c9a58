namespace OrleansMaestro.Silo.Telemetry;

/// <summary>Metrics, traces and their exporters (section <c>Maestro:Telemetry</c>).</summary>
public sealed class TelemetrySettings
{
    public const string Section = "Maestro:Telemetry";

    /// <summary>The <c>service.name</c> resource attribute of every metric and span.</summary>
    public string ServiceName { get; set; } = "orleans-maestro";

    /// <summary>Serve the Prometheus scrape endpoint at <c>/metrics</c> (anonymous, like the health checks).</summary>
    public bool PrometheusEnabled { get; set; } = true;

    public OtlpSettings Otlp { get; set; } = new();

    /// <summary>
    /// Console logs as one JSON object a line (the JSON console formatter) with scopes included, so every line a run
    /// or step writes has <c>WorkflowId</c> and <c>RunNumber</c> fields for a log pipeline to index.
    /// </summary>
    public bool JsonLogs { get; set; }
}
