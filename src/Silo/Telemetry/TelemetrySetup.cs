using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansMaestro.Grains.Telemetry;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Telemetry;

/// <summary>
/// OpenTelemetry on the silo's host: metrics of our meter, Orleans' meter, the .NET runtime and ASP.NET Core;
/// traces of our activity source, Orleans' grain calls, ASP.NET Core and HttpClient; a Prometheus scrape endpoint and,
/// when configured, OTLP export. Orleans' activity propagation (the silo setup's <c>AddActivityPropagation</c>) is what
/// lets one trace follow a commit through the grains.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>Orleans' meter and activity sources (grain calls in and out, runtime work).</summary>
    public const string OrleansMeter = "Microsoft.Orleans";
    public static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime"];

    /// <summary>The settings; <see cref="SiloConfigurationException"/> naming the key when one cannot be used.</summary>
    public static TelemetrySettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        TelemetrySettings settings;
        try
        {
            settings = configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>() ?? new TelemetrySettings();
        }
        catch (InvalidOperationException e)
        {
            throw new SiloConfigurationException(e.Message); // the binder's message names the key and the value
        }

        if (settings.Otlp.Endpoint is { } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new SiloConfigurationException($"{TelemetrySettings.Section}:Otlp:Endpoint '{endpoint}' is not an http:// or https:// URL.");
        }

        if (string.IsNullOrWhiteSpace(settings.ServiceName))
        {
            throw new SiloConfigurationException($"{TelemetrySettings.Section}:ServiceName must not be empty.");
        }

        return settings;
    }

    public static IServiceCollection AddMaestroTelemetry(this IServiceCollection services, TelemetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var endpoint = settings.Otlp.Endpoint ?? Environment.GetEnvironmentVariable(OtlpSettings.StandardEndpointVariable);
        var otlp = !string.IsNullOrWhiteSpace(endpoint);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MaestroTelemetry.Name, OrleansMeter)
                    .AddRuntimeInstrumentation()
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (settings.PrometheusEnabled)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter(o => Configure(o, settings.Otlp, "v1/metrics"));
                }
            });

        // Spans are only made when something exports them: without OTLP the sources have no listener and cost nothing.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(MaestroTelemetry.Name)
                .AddSource(OrleansActivitySources)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath) && !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Configure(o, settings.Otlp, "v1/traces")));
        }

        if (settings.JsonLogs)
        {
            // One JSON object per line, with the scopes the run and step grains open (WorkflowId, RunNumber, StepId).
            services.AddLogging(logging => logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            }));
        }

        return services;
    }

    /// <summary>Serves <c>/metrics</c> when the Prometheus exporter is on.</summary>
    public static IEndpointRouteBuilder MapMaestroMetrics(this IEndpointRouteBuilder endpoints, TelemetrySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.PrometheusEnabled)
        {
            endpoints.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous(); // scrapers carry no API key
        }

        return endpoints;
    }

    private static void Configure(OtlpExporterOptions options, OtlpSettings settings, string signalPath)
    {
        if (settings.Endpoint is not { } configured)
        {
            return; // OTEL_EXPORTER_OTLP_* variables, read by the exporter itself
        }

        options.Protocol = settings.Protocol;
        var endpoint = new Uri(configured, UriKind.Absolute);
        options.Endpoint = settings.Protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath == "/"
            ? new Uri(endpoint, signalPath)
            : endpoint;
    }
}
