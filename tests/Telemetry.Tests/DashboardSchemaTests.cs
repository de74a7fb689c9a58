using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OrleansMaestro.Telemetry.Tests;

/// <summary>
/// The dashboards against Grafana's own types: tests/dashboards/check-dashboards.mjs compiles each one as a
/// TypeScript literal that must satisfy @grafana/schema's Dashboard (with Prometheus targets on the datasource variable).
/// </summary>
public sealed class DashboardSchemaTests
{
    private static readonly string CheckFolder = Path.Combine(RepoPaths.Root, "tests", "dashboards");

    [Fact]
    public async Task Every_dashboard_satisfies_the_grafana_schema_dashboard_type()
    {
        var (exit, output) = await CheckAsync(DashboardFile.Folder);

        Assert.True(exit == 0, output);
        foreach (var name in DashboardFile.Names)
        {
            Assert.Contains($"ok {name}.json", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_schema_check_rejects_a_panel_with_a_wrong_field_type_or_a_fixed_data_source()
    {
        using var folder = new DataFolder();
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DashboardFile.Folder, "overview.json")))!;
        dashboard["panels"]![0]!["gridPos"]!["w"] = "wide";
        dashboard["panels"]![1]!["datasource"] = new JsonObject { ["type"] = "prometheus", ["uid"] = "prod-prometheus" };
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "overview.json"), dashboard.ToJsonString());

        var (exit, output) = await CheckAsync(folder.Path);

        Assert.NotEqual(0, exit);
        Assert.Contains("'string' is not assignable to type 'number'", output, StringComparison.Ordinal);
        Assert.Contains("prod-prometheus", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_panel_uses_the_datasource_variable_and_every_dashboard_declares_it_as_prometheus()
    {
        foreach (var dashboard in DashboardFile.Names.Select(DashboardFile.Load))
        {
            var variable = Assert.Single(dashboard.Variables, v => v.GetProperty("name").GetString() == "datasource");
            Assert.Equal("datasource", variable.GetProperty("type").GetString());
            Assert.Equal("prometheus", variable.GetProperty("query").GetString());
            Assert.NotEmpty(dashboard.Panels);
            foreach (var panel in dashboard.Panels)
            {
                Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
                Assert.Contains(panel.GetProperty("type").GetString(), new[] { "timeseries", "stat", "table" });
                Assert.All(panel.GetProperty("targets").EnumerateArray(), t => Assert.Equal("${datasource}", t.GetProperty("datasource").GetProperty("uid").GetString()));
            }
        }
    }

    private static async Task<(int Exit, string Output)> CheckAsync(string dashboards)
    {
        await EnsureInstalledAsync();
        return await RunAsync("node", CheckFolder, TimeSpan.FromMinutes(2), "check-dashboards.mjs", dashboards);
    }

    /// <summary>npm ci in tests/dashboards when scripts/test.sh has not done it (typescript and @grafana/schema, pinned by its lock file).</summary>
    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(Path.Combine(CheckFolder, "node_modules", "typescript", "package.json"))
            && File.Exists(Path.Combine(CheckFolder, "node_modules", "@grafana", "schema", "package.json")))
        {
            return;
        }

        var (exit, output) = await RunAsync("npm", CheckFolder, TimeSpan.FromMinutes(5), "ci", "--no-audit", "--no-fund", "--loglevel=error");
        Assert.True(exit == 0, $"npm ci in tests/dashboards failed: {output}");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string directory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
