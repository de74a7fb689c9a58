namespace OrleansMaestro.Telemetry.Tests;

/// <summary>
/// One silo process running the demo pipeline (raw.events -> hourly-aggregate -> agg.event_counts -> top-countries),
/// exporting traces over OTLP/HTTP to an <see cref="OtlpReceiver"/> and logging JSON with scopes, scraped every second
/// by a real <see cref="PrometheusServer"/>. Shared by the tests of a class: a silo start costs seconds.
/// </summary>
public sealed class DemoSiloFixture : IAsyncLifetime
{
    private readonly DataFolder _data = new();

    public SiloProcess Silo { get; private set; } = null!;

    public OtlpReceiver Otlp { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Otlp = OtlpReceiver.Start();
        Silo = SiloProcess.Start(_data.Path, new Dictionary<string, string>
        {
            ["Maestro__Telemetry__Otlp__Endpoint"] = Otlp.Address.ToString(),
            ["Maestro__Telemetry__Otlp__Protocol"] = "HttpProtobuf",
            ["Maestro__Telemetry__JsonLogs"] = "true",
            ["Maestro__Demo__BatchInterval"] = "00:00:02",
            // The demo quiets the grains' logs unless told otherwise; the log test reads them.
            ["Logging__LogLevel__OrleansMaestro.Grains"] = "Information",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "5000",
        }, "--demo", "--data", _data.Path);
        await Silo.WaitForTextAsync("workflow hourly-aggregate", TimeSpan.FromMinutes(2));
        Prometheus = await PrometheusServer.StartAsync([Silo.HttpAddress], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Otlp is not null)
        {
            await Otlp.DisposeAsync();
        }

        _data.Dispose();
    }
}
