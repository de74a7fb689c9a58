using System.Text.Json;

namespace OrleansMaestro.Cli.Tests.EndToEnd;

/// <summary>Every server command as a real <c>maestro</c> process against a real silo process (auth off).</summary>
public sealed class ServerCommandTests : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServerFixture _server;
    private readonly MaestroProcess _maestro;

    public ServerCommandTests(ServerFixture server)
    {
        _server = server;
        _maestro = server.Maestro(_dir.Path);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Workflow_apply_list_get_versions_activate_validate_and_delete()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "defs"));
        _dir.Write("defs/a-sleepy.json", Definitions.Sleepy("e2e-wf"));
        _dir.Write("defs/b-writer.json", Definitions.Writes("e2e-writer", "e2e.counts"));
        var applied = await Ok("workflow", "apply", "-f", "defs", "-o", "table");
        Assert.Contains("a-sleepy.json: workflow e2e-wf version 1", applied.Out, StringComparison.Ordinal);
        Assert.Contains("b-writer.json: workflow e2e-writer version 1", applied.Out, StringComparison.Ordinal);

        _dir.Write("v2.json", Definitions.Sleepy("e2e-wf", "100ms"));
        var again = Json(await Ok("workflow", "apply", "-f", "v2.json"));
        Assert.Equal(2, again[0].GetProperty("version").GetInt32());

        var list = Json(await Ok("workflow", "list", "-o", "json"));
        Assert.Contains(list.EnumerateArray(), w => w.GetProperty("id").GetString() == "e2e-writer" && w.GetProperty("writes")[0].GetString() == "e2e.counts");

        var versions = Json(await Ok("workflow", "versions", "e2e-wf"));
        Assert.Equal([1, 2], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        await Ok("workflow", "activate", "e2e-wf", "1");
        var info = Json(await Ok("workflow", "get", "e2e-wf"));
        Assert.Equal(1, info.GetProperty("activeVersion").GetInt32());
        var v2 = await Ok("workflow", "get", "e2e-wf", "--version", "2", "-o", "table");
        Assert.Contains("\"version\": 2", v2.Out, StringComparison.Ordinal);
        Assert.Contains("workflow e2e-wf", (await Ok("workflow", "get", "e2e-wf", "-o", "table")).Out, StringComparison.Ordinal);

        // The server knows which tables exist; a local check does not.
        _dir.Write("unknown-table.json", Definitions.Writes("e2e-bad", "e2e.out").Replace("raw.events", "raw.nothing", StringComparison.Ordinal));
        var invalid = await _maestro.RunAsync("workflow", "validate", "-f", "unknown-table.json");
        Assert.Equal(ExitCodes.BadInput, invalid.ExitCode);
        Assert.Contains("unknown-table.json: steps[0].inputs[0].table:", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await _maestro.RunAsync("workflow", "validate", "-f", "unknown-table.json", "--local")).ExitCode);
        var rejected = await _maestro.RunAsync("workflow", "apply", "-f", "unknown-table.json");
        Assert.Equal(ExitCodes.BadInput, rejected.ExitCode);
        Assert.Contains("steps[0].inputs[0].table", rejected.Error, StringComparison.Ordinal);
        Assert.Contains("nothing applied", rejected.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await _maestro.RunAsync("workflow", "get", "e2e-bad")).ExitCode);

        _dir.Write("typo.json", """{ "id": "e2e-typo", "stepz": [] }""");
        var typo = await _maestro.RunAsync("workflow", "apply", "-f", "typo.json");
        Assert.Equal(ExitCodes.BadInput, typo.ExitCode);
        Assert.Contains("typo.json: stepz", typo.Error, StringComparison.Ordinal);

        await Ok("workflow", "delete", "e2e-writer");
        var gone = await _maestro.RunAsync("workflow", "get", "e2e-writer");
        Assert.Equal(ExitCodes.NotFound, gone.ExitCode);
        Assert.Contains("e2e-writer", gone.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await _maestro.RunAsync("workflow", "activate", "e2e-wf", "9")).ExitCode);
    }

    [Fact]
    public async Task Run_start_watch_get_and_list_of_a_succeeding_run()
    {
        _dir.Write("ok.json", Definitions.Sleepy("e2e-ok"));
        await Ok("workflow", "apply", "-f", "ok.json");
        var started = await Ok("run", "start", "e2e-ok", "-p", "day=tuesday", "-o", "table");
        Assert.Equal("e2e-ok/1", started.Out.Trim());

        var watch = await Ok("run", "watch", "e2e-ok/1");
        var events = watch.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal("snapshot", events[0].GetProperty("type").GetString());
        Assert.Equal("succeeded", events[^1].GetProperty("run").GetProperty("status").GetString());

        var run = Json(await Ok("run", "get", "e2e-ok/1"));
        Assert.Equal("tuesday", run.GetProperty("parameters").GetProperty("day").GetString());
        Assert.Equal(["nap", "done"], run.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("stepId").GetString()));
        var drawn = await Ok("run", "get", "e2e-ok/1", "-o", "table");
        Assert.Contains("nap", drawn.Out, StringComparison.Ordinal);
        Assert.Contains("Succeeded", drawn.Out, StringComparison.Ordinal);

        var list = Json(await Ok("run", "list", "--workflow", "e2e-ok", "--status", "succeeded", "--since", "1h", "--limit", "5"));
        Assert.Equal(1, list.GetArrayLength());
        Assert.Equal(0, Json(await Ok("run", "list", "--workflow", "e2e-ok", "--status", "failed")).GetArrayLength());

        var tooMany = await _maestro.RunAsync("run", "list", "--limit", "5000");
        Assert.Equal(ExitCodes.BadInput, tooMany.ExitCode);
        Assert.Contains("limit", tooMany.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await _maestro.RunAsync("run", "get", "e2e-ok/99")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await _maestro.RunAsync("run", "start", "e2e-nobody")).ExitCode);
        var unknownParameter = await _maestro.RunAsync("run", "start", "e2e-ok", "-p", "colour=red");
        Assert.Equal(ExitCodes.BadInput, unknownParameter.ExitCode);
        Assert.Contains("colour", unknownParameter.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_exits_with_run_failed_and_restart_runs_the_failed_step_again()
    {
        _dir.Write("fail.json", Definitions.Failing("e2e-fail"));
        await Ok("workflow", "apply", "-f", "fail.json");
        await Ok("run", "start", "e2e-fail");
        var watch = await _maestro.RunAsync("run", "watch", "e2e-fail/1", "-o", "table");
        Assert.Equal(ExitCodes.RunFailed, watch.ExitCode);
        Assert.Contains("run e2e-fail/1 failed", watch.Error, StringComparison.Ordinal);
        Assert.Contains("fail", watch.Out, StringComparison.Ordinal);

        var restarted = Json(await Ok("run", "restart", "e2e-fail/1"));
        Assert.Equal(1, restarted.GetProperty("restarts").GetInt32());
        Assert.Equal(ExitCodes.RunFailed, (await _maestro.RunAsync("run", "watch", "e2e-fail/1")).ExitCode);

        var startAndWatch = await _maestro.RunAsync("run", "start", "e2e-fail", "--watch");
        Assert.Equal(ExitCodes.RunFailed, startAndWatch.ExitCode);
        Assert.StartsWith("started e2e-fail/2", startAndWatch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_of_a_queued_run_is_a_conflict_and_watch_of_a_stopped_run_exits_with_run_stopped()
    {
        _dir.Write("slow.json", Definitions.Sleepy("e2e-slow", "30s"));
        await Ok("workflow", "apply", "-f", "slow.json");
        await Ok("run", "start", "e2e-slow");
        await Ok("run", "start", "e2e-slow");
        await WaitForStatusAsync("e2e-slow/1", "running");

        var queued = await _maestro.RunAsync("run", "stop", "e2e-slow/2");
        Assert.Equal(ExitCodes.Conflict, queued.ExitCode);
        Assert.Contains("queued", queued.Error, StringComparison.Ordinal);

        var stopped = Json(await Ok("run", "stop", "e2e-slow/1"));
        Assert.Equal("stopped", stopped.GetProperty("status").GetString());
        var watch = await _maestro.RunAsync("run", "watch", "e2e-slow/1");
        Assert.Equal(ExitCodes.RunStopped, watch.ExitCode);
        await WaitForStatusAsync("e2e-slow/2", "running");
        await Ok("run", "stop", "e2e-slow/2");
    }

    [Fact]
    public async Task Table_list_get_lineage_refresh_and_backfill_over_the_server_after_a_catalog_direct_append()
    {
        // A table written around the silo, by the catalog-direct commands on the silo's own catalog.
        var catalog = new[] { "--catalog", Path.Combine(_server.DataPath, "catalog.db"), "--warehouse", Path.Combine(_server.DataPath, "warehouse") };
        _dir.Write("schema.json", """{"type": "struct", "fields": [{"id": 1, "name": "id", "required": true, "type": "long"}]}""");
        _dir.Write("rows.csv", "id\n1\n2\n");
        await Ok(["table", "create", "e2e.clicks", "--schema", "schema.json", .. catalog]);
        await Ok(["table", "append", "e2e.clicks", "--file", "rows.csv", .. catalog]);
        var refreshed = Json(await Ok("table", "refresh", "e2e.clicks"));
        var snapshot = refreshed.GetProperty("currentSnapshotId").GetInt64();

        _dir.Write("on-clicks.json", Definitions.OnTable("e2e-reader", "e2e.clicks"));
        await Ok("workflow", "apply", "-f", "on-clicks.json");
        var tables = Json(await Ok("table", "list"));
        Assert.Contains(tables.EnumerateArray(), t => t.GetProperty("table").GetString() == "e2e.clicks");
        var details = Json(await Ok("table", "get", "e2e.clicks"));
        Assert.Equal(snapshot, details.GetProperty("currentSnapshotId").GetInt64());
        Assert.Contains(details.GetProperty("subscribers").EnumerateArray(), s => s.GetString() == "e2e-reader");
        Assert.Contains("metadata ", (await Ok("table", "get", "e2e.clicks", "-o", "table")).Out, StringComparison.Ordinal);

        var lineage = Json(await Ok("table", "lineage", "e2e.clicks"));
        Assert.Contains(lineage.GetProperty("edges").EnumerateArray(), e => e.GetProperty("from").GetString() == "e2e.clicks" && e.GetProperty("to").GetString() == "e2e-reader");
        Assert.Contains("e2e-reader", (await Ok("table", "lineage", "-o", "table")).Out, StringComparison.Ordinal);

        var backfill = await Ok("run", "backfill", "e2e-reader", "--source", $"e2e.clicks:..{snapshot}", "-o", "table");
        Assert.StartsWith("e2e-reader/", backfill.Out, StringComparison.Ordinal);
        var run = Json(await Ok("run", "get", backfill.Out.Trim()));
        Assert.Equal("backfill", run.GetProperty("trigger").GetString());

        var missing = await _maestro.RunAsync("table", "get", "raw.nothing");
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.Contains("raw.nothing", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, (await _maestro.RunAsync("run", "backfill", "e2e-reader", "--source", "e2e.clicks:5")).ExitCode);
    }

    [Fact]
    public async Task Signal_post_starts_the_workflows_that_listen()
    {
        _dir.Write("on-signal.json", Definitions.OnSignal("e2e-signalled", "e2e-ready"));
        await Ok("workflow", "apply", "-f", "on-signal.json");
        var posted = await Ok("signal", "post", "e2e-ready", "-o", "table");
        Assert.Contains("signal e2e-ready: 1 run(s) started", posted.Out, StringComparison.Ordinal);
        Assert.Contains("e2e-signalled/1", posted.Out, StringComparison.Ordinal);
        var bad = await _maestro.RunAsync("signal", "post", "not a signal!");
        Assert.Equal(ExitCodes.BadInput, bad.ExitCode);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_unavailable()
    {
        var result = await _maestro.RunAsync("workflow", "list", "--server", $"http://127.0.0.1:{FreePort.Next()}");
        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("hint: is the server at http://127.0.0.1:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalog_direct_table_commands_still_work_next_to_the_server_ones()
    {
        _dir.Write("schema.json", """{"type": "struct", "fields": [{"id": 1, "name": "id", "required": true, "type": "long"}]}""");
        await Ok("table", "create", "local.t", "--schema", "schema.json");
        var snapshots = await Ok("table", "snapshots", "local.t", "--format", "csv");
        Assert.StartsWith("snapshot_id,", snapshots.Out, StringComparison.Ordinal);
    }

    private async Task WaitForStatusAsync(string run, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Json(await Ok("run", "get", run)).GetProperty("status").GetString() != status)
        {
            Assert.True(DateTime.UtcNow < deadline, $"run {run} did not become {status}");
            await Task.Delay(200);
        }
    }

    private async Task<MaestroResult> Ok(params string[] args)
    {
        var result = await _maestro.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"maestro {string.Join(' ', args)}: {result}");
        return result;
    }

    private static JsonElement Json(MaestroResult result) => JsonDocument.Parse(result.Out).RootElement;
}
