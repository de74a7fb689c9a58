using System.Net;

namespace OrleansMaestro.Telemetry.Tests;

/// <summary>Maestro:Telemetry as the silo process reads it.</summary>
public sealed class TelemetrySettingsTests
{
    [Fact]
    public async Task An_otlp_endpoint_that_is_not_an_http_url_stops_the_silo_with_a_message_naming_the_key()
    {
        using var data = new DataFolder();
        var result = await SiloProcess.RunAsync(data.Path, new Dictionary<string, string> { ["Maestro__Telemetry__Otlp__Endpoint"] = "collector:4317" }, "--data", data.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Maestro:Telemetry:Otlp:Endpoint 'collector:4317' is not an http:// or https:// URL.", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_served_anonymously_at_metrics_and_not_at_all_when_prometheus_is_disabled()
    {
        using var data = new DataFolder();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await using (var silo = SiloProcess.Start(data.Path, null, "--data", data.Path))
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
            using var response = await http.GetAsync(new Uri(silo.HttpAddress, "metrics"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains("target_info{service_name=\"orleans-maestro\"", text, StringComparison.Ordinal);
            Assert.Contains("orleans_", text, StringComparison.Ordinal);
        }

        using var data2 = new DataFolder();
        await using (var silo = SiloProcess.Start(data2.Path, new Dictionary<string, string> { ["Maestro__Telemetry__PrometheusEnabled"] = "false" }, "--data", data2.Path))
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
            using var response = await http.GetAsync(new Uri(silo.HttpAddress, "metrics"));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
