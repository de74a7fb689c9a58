using OpenTelemetry.Exporter;

namespace OrleansMaestro.Silo.Telemetry;

/// <summary>
/// The OTLP exporter (section <c>Maestro:Telemetry:Otlp</c>): on when <see cref="Endpoint"/> is set, or when the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is (the exporter then reads the other <c>OTEL_*</c> variables).
/// </summary>
public sealed class OtlpSettings
{
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP).</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>Grpc</c> (the default) or <c>HttpProtobuf</c>; with HTTP, <c>/v1/traces</c> and <c>/v1/metrics</c> are appended to an endpoint without a path.</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;
}
