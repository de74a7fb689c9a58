using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansMaestro.Telemetry.Tests;

/// <summary>
/// Debian's Prometheus (<c>/usr/bin/prometheus</c>, installed by scripts/test.sh) on a free loopback port, with a
/// temporary config that scrapes the given targets every second and its data in a temporary folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly DataFolder _folder;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, DataFolder folder, Uri address)
    {
        _process = process;
        _folder = folder;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address => _http.BaseAddress!;

    public static async Task<PrometheusServer> StartAsync(IReadOnlyList<Uri> targets, CancellationToken cancellationToken)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's package (apt-get install -y prometheus), as scripts/test.sh does.");
        }

        var folder = new DataFolder();
        var config = Path.Combine(folder.Path, "prometheus.yml");
        var targetList = string.Join(", ", targets.Select(t => $"'{t.Authority}'"));
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: maestro
                metrics_path: /metrics
                static_configs:
                  - targets: [{targetList}]
            """, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var start = new ProcessStartInfo(Binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add($"--config.file={config}");
            start.ArgumentList.Add($"--storage.tsdb.path={Path.Combine(folder.Path, "data")}");
            start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
            if (await server.WaitReadyAsync(TimeSpan.FromSeconds(30), cancellationToken))
            {
                return server;
            }

            await server.StopProcessAsync();
            if (attempt == 3)
            {
                folder.Dispose();
                throw new InvalidOperationException("Prometheus did not become ready on three ports.");
            }
        }
    }

    /// <summary>An instant query (<c>/api/v1/query</c>): the result vector's elements (empty when the query matches nothing).</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string query, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"api/v1/query?query={Uri.EscapeDataString(query)}", cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!response.IsSuccessStatusCode || body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused '{query}': {body}");
        }

        var data = body.GetProperty("data");
        var result = data.GetProperty("result");
        return data.GetProperty("resultType").GetString() is "vector" or "matrix" ? [.. result.EnumerateArray()] : [result];
    }

    /// <summary>The scrape targets' health as Prometheus sees it (<c>/api/v1/targets</c>).</summary>
    public async Task<IReadOnlyList<string>> TargetHealthAsync(CancellationToken cancellationToken)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("api/v1/targets", cancellationToken);
        return [.. body.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Select(t => t.GetProperty("health").GetString() ?? "")];
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        _http.Dispose();
        _folder.Dispose();
    }

    private async Task<bool> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await _http.GetAsync("-/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200, cancellationToken);
        }

        return false;
    }

    private async Task StopProcessAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
