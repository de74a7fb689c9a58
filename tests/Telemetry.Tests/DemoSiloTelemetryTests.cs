using System.Text.Json;

namespace OrleansMaestro.Telemetry.Tests;

/// <summary>The silo's telemetry seen from outside: Prometheus scraping it, the OTLP collector receiving its spans, its JSON logs.</summary>
public sealed class DemoSiloTelemetryTests(DemoSiloFixture fixture) : IClassFixture<DemoSiloFixture>
{
    private static readonly TimeSpan DataTimeout = TimeSpan.FromSeconds(100);

    [Fact]
    public async Task Every_panel_query_and_variable_of_every_dashboard_returns_data_from_Prometheus_scraping_the_demo_silo()
    {
        // The downstream workflow's runs come last; once Prometheus has them (and a minute of rate windows has
        // something in it), every panel has its data.
        await WaitForAsync("maestro_runs_finished_total{workflow=\"top-countries\"}");
        await WaitForAsync("maestro_step_written_bytes_total{workflow=\"top-countries\"}");
        Assert.All(await fixture.Prometheus.TargetHealthAsync(CancellationToken.None), health => Assert.Equal("up", health));

        var queries = new List<(string Where, string Query)>();
        foreach (var dashboard in DashboardFile.Names.Select(DashboardFile.Load))
        {
            queries.AddRange(dashboard.Queries.Select(q => (q.Where, DashboardFile.Substitute(q.Expr))));
            foreach (var variable in dashboard.Variables)
            {
                if (DashboardFile.VariableQuery(variable) is { } query)
                {
                    queries.Add(($"{dashboard.Name}: variable {variable.GetProperty("name").GetString()}", query));
                }
            }
        }

        Assert.True(queries.Count >= 30, $"only {queries.Count} queries in the dashboards");

        var deadline = DateTime.UtcNow + DataTimeout;
        var empty = queries.ToList();
        while (empty.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var query in empty.ToArray())
            {
                if ((await fixture.Prometheus.QueryAsync(query.Query, CancellationToken.None)).Count > 0)
                {
                    empty.Remove(query);
                }
            }

            if (empty.Count > 0)
            {
                await Task.Delay(1000);
            }
        }

        Assert.True(empty.Count == 0, "queries without data:\n" + string.Join("\n", empty.Select(q => $"{q.Where}: {q.Query}")));
    }

    [Fact]
    public async Task The_scrape_has_every_maestro_metric_with_its_labels()
    {
        await WaitForAsync("maestro_runs_finished_total{workflow=\"top-countries\"}");
        string[] expected =
        [
            "maestro_table_commits_total{table=\"raw.events\"}",
            "maestro_table_commits_total{table=\"agg.event_counts\"}",
            "maestro_signal_delay_seconds_count{workflow=\"hourly-aggregate\"}",
            "maestro_runs_started_total{workflow=\"hourly-aggregate\",trigger=\"table\"}",
            "maestro_runs_finished_total{workflow=\"hourly-aggregate\",trigger=\"table\",state=\"succeeded\"}",
            "maestro_run_duration_seconds_count{workflow=\"top-countries\",state=\"succeeded\"}",
            "maestro_step_duration_seconds_count{step_type=\"sql\",outcome=\"succeeded\"}",
            "maestro_step_duration_seconds_count{step_type=\"shell\",outcome=\"succeeded\"}",
            "maestro_step_files_read_total{workflow=\"hourly-aggregate\",step_type=\"sql\"}",
            "maestro_step_read_bytes_total{workflow=\"hourly-aggregate\",step_type=\"sql\"}",
            "maestro_step_files_written_total{workflow=\"hourly-aggregate\",step_type=\"sql\"}",
            "maestro_step_written_bytes_total{workflow=\"hourly-aggregate\",step_type=\"sql\"}",
            "maestro_scan_planned_files_count{workflow=\"hourly-aggregate\",table=\"raw.events\"}",
            "maestro_freshness_lag_seconds{workflow=\"hourly-aggregate\",table=\"raw.events\"}",
            "maestro_freshness_lag_snapshots{workflow=\"top-countries\",table=\"agg.event_counts\"}",
            "maestro_queue_depth{workflow=\"top-countries\"}",
            "orleans_catalog_activations",
            "dotnet_process_cpu_time_seconds_total",
        ];
        foreach (var series in expected)
        {
            await WaitForAsync(series);
        }

        // Counters count: the demo commits every 2 s, and every commit runs the aggregate once or more.
        var commits = await fixture.Prometheus.QueryAsync("sum(maestro_table_commits_total{table=\"raw.events\"})", CancellationToken.None);
        Assert.True(Value(commits[0]) >= 1, commits[0].ToString());
        var written = await fixture.Prometheus.QueryAsync("sum(maestro_step_written_bytes_total)", CancellationToken.None);
        Assert.True(Value(written[0]) > 0, written[0].ToString());
    }

    [Fact]
    public async Task One_trace_follows_a_commit_through_the_signal_run_and_step_to_the_downstream_commit()
    {
        var deadline = DateTime.UtcNow + DataTimeout;
        string? found = null;
        var seen = "";
        while (found is null && DateTime.UtcNow < deadline)
        {
            var spans = fixture.Otlp.Spans;
            found = TraceChains.FindUpstreamToDownstream(spans, out seen);
            if (found is null)
            {
                await Task.Delay(1000);
            }
        }

        Assert.True(found is not null, $"no trace from a raw.events commit to an agg.event_counts commit; {seen}");
    }

    [Fact]
    public async Task Run_and_step_log_lines_are_json_with_the_workflow_and_run_ids()
    {
        var deadline = DateTime.UtcNow + DataTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var scoped = JsonLines(fixture.Silo.Errors + fixture.Silo.Output)
                .Where(l => l.TryGetProperty("Category", out var c) && c.GetString() is "OrleansMaestro.Grains.Orchestration.RunGrain" or "OrleansMaestro.Grains.Orchestration.StepGrain")
                .Where(l => l.TryGetProperty("Scopes", out var scopes) && scopes.EnumerateArray().Any(s =>
                    s.ValueKind == JsonValueKind.Object && s.TryGetProperty("WorkflowId", out var w) && w.GetString() == "hourly-aggregate"
                    && s.TryGetProperty("RunNumber", out var n) && n.ValueKind == JsonValueKind.Number
                    && s.TryGetProperty("Message", out var m) && m.GetString()!.StartsWith($"hourly-aggregate/{n.GetInt64()}", StringComparison.Ordinal)))
                .ToArray();
            if (scoped.Any(l => l.GetProperty("Category").GetString()!.EndsWith("StepGrain", StringComparison.Ordinal))
                && scoped.Any(l => l.GetProperty("Category").GetString()!.EndsWith("RunGrain", StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(1000);
        }

        Assert.Fail($"no JSON run/step log line with WorkflowId and RunNumber scopes; stderr:\n{Tail(fixture.Silo.Errors)}");
    }

    private async Task WaitForAsync(string query)
    {
        var deadline = DateTime.UtcNow + DataTimeout;
        while ((await fixture.Prometheus.QueryAsync(query, CancellationToken.None)).Count == 0)
        {
            Assert.False(fixture.Silo.HasExited, $"the silo ended: {fixture.Silo.Errors}");
            Assert.True(DateTime.UtcNow < deadline, $"Prometheus has no '{query}' after {DataTimeout}");
            await Task.Delay(500);
        }
    }

    private static double Value(JsonElement sample) =>
        double.Parse(sample.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<JsonElement> JsonLines(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(line);
                element = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                continue; // a line the formatter split, or not a log line
            }

            yield return element;
        }
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;
}
