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
}
