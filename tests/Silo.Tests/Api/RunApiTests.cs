using System.Net;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;
using static OrleansMaestro.Silo.Tests.Api.ApiSilo;

namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>The run endpoints against a real silo: start, backfill, read, list, stop, restart.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class RunApiTests(ApiSilo silo)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private HttpClient Http => silo.Http;

    [Fact]
    public async Task Start_answers_202_with_the_run_and_its_location_and_the_run_reads_back_with_its_steps()
    {
        await PutAsync(Definitions.Sleepy("run-start", "200ms"));
        using var started = await Http.PostAsync(Url("/api/v1/workflows/run-start/runs"), Json("""{ "parameters": { "day": "friday" } }"""));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await ReadAsync<RunReference>(started);
        Assert.Equal(new RunReference { WorkflowId = "run-start", RunNumber = 1 }, run);
        Assert.Equal("/api/v1/workflows/run-start/runs/1", started.Headers.Location?.OriginalString);

        var finished = await WaitForFinalAsync(run);
        Assert.Equal(RunStatus.Succeeded, finished.Status);
        Assert.Equal("friday", finished.Parameters["day"]);
        Assert.Equal(["nap", "done"], finished.Steps.Select(s => s.StepId));
        Assert.All(finished.Steps, s => Assert.NotNull(s.FinishedAt));
        Assert.NotNull(finished.StartedAt);

        // Without a body the parameters take their defaults.
        using var bare = await Http.PostAsync(Url("/api/v1/workflows/run-start/runs"), null);
        Assert.Equal(HttpStatusCode.Accepted, bare.StatusCode);
        Assert.Equal(2, (await ReadAsync<RunReference>(bare)).RunNumber);
    }

    [Fact]
    public async Task Start_refuses_unknown_parameters_bodies_and_workflows()
    {
        await PutAsync(Definitions.Sleepy("run-bad-start", "100ms"));
        using var parameter = await Http.PostAsync(Url("/api/v1/workflows/run-bad-start/runs"), Json("""{ "parameters": { "dya": "1" } }"""));
        await Problem.AssertInvalidAsync(parameter, "parameters.dya");

        using var property = await Http.PostAsync(Url("/api/v1/workflows/run-bad-start/runs"), Json("""{ "parametrs": {} }"""));
        await Problem.AssertInvalidAsync(property, "parametrs");

        using var type = await Http.PostAsync(Url("/api/v1/workflows/run-bad-start/runs"), Json("""{ "parameters": { "day": 5 } }"""));
        await Problem.AssertInvalidAsync(type, "parameters.day");

        using var unknown = await Http.PostAsync(Url("/api/v1/workflows/run-never/runs"), null);
        await Problem.AssertNotFoundAsync(unknown);
    }

    [Fact]
    public async Task Backfill_needs_source_ranges_of_the_workflows_sources()
    {
        await PutAsync(Definitions.Sleepy("run-backfill", "100ms"));
        using var missing = await Http.PostAsync(Url("/api/v1/workflows/run-backfill/backfills"), Json("{}"));
        await Problem.AssertInvalidAsync(missing, "sources");

        using var foreign = await Http.PostAsync(Url("/api/v1/workflows/run-backfill/backfills"), Json("""{ "sources": [{ "table": "raw.other", "toInclusive": 1 }] }"""));
        await Problem.AssertInvalidAsync(foreign, "sources");

        using var wrongType = await Http.PostAsync(Url("/api/v1/workflows/run-backfill/backfills"), Json("""{ "sources": [{ "table": 7 }] }"""));
        await Problem.AssertInvalidAsync(wrongType, "sources[0].table");
    }

    [Fact]
    public async Task Get_run_refuses_a_bad_run_number_and_answers_404_for_a_missing_run()
    {
        await PutAsync(Definitions.Sleepy("run-get", "100ms"));
        using var bad = await Http.GetAsync(Url("/api/v1/workflows/run-get/runs/zero"));
        await Problem.AssertInvalidAsync(bad, "runNumber");
        using var missing = await Http.GetAsync(Url("/api/v1/workflows/run-get/runs/42"));
        await Problem.AssertNotFoundAsync(missing);
    }

    [Fact]
    public async Task Runs_list_filters_by_workflow_status_and_time_and_names_bad_parameters()
    {
        await PutAsync(Definitions.Sleepy("run-list", "100ms"));
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var first = await StartAsync("run-list");
        await WaitForFinalAsync(first);
        var second = await StartAsync("run-list");
        await WaitForFinalAsync(second);

        var all = await GetAsync<RunInfo[]>($"/api/v1/runs?workflow=run-list&since={Uri.EscapeDataString(since.ToString("O"))}");
        Assert.Equal([2L, 1L], all.Select(r => r.RunNumber));
        var limited = await GetAsync<RunInfo[]>("/api/v1/runs?workflow=run-list&limit=1&status=succeeded");
        Assert.Equal(2, Assert.Single(limited).RunNumber);
        var none = await GetAsync<RunInfo[]>("/api/v1/runs?workflow=run-list&status=Failed");
        Assert.Empty(none);
        var ofWorkflow = await GetAsync<RunInfo[]>("/api/v1/workflows/run-list/runs?limit=5");
        Assert.Equal([2L, 1L], ofWorkflow.Select(r => r.RunNumber));
        var future = await GetAsync<RunInfo[]>($"/api/v1/runs?until={Uri.EscapeDataString(since.ToString("O"))}&workflow=run-list");
        Assert.Empty(future);

        foreach (var (query, field) in new[]
        {
            ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=many", "limit"), ("status=bogus", "status"),
            ("since=yesterday", "since"), ("until=2026-01-01T00:00:00Z&since=2026-02-01T00:00:00Z", "until"), ("colour=red", "colour"),
        })
        {
            using var response = await Http.GetAsync(Url($"/api/v1/runs?{query}"));
            await Problem.AssertInvalidAsync(response, field);
        }

        using var unknown = await Http.GetAsync(Url("/api/v1/runs?workflow=run-never"));
        await Problem.AssertNotFoundAsync(unknown);
        using var workflowParameter = await Http.GetAsync(Url("/api/v1/workflows/run-list/runs?workflow=x"));
        await Problem.AssertInvalidAsync(workflowParameter, "workflow");
    }

    [Fact]
    public async Task Stop_stops_a_running_run_refuses_a_queued_one_and_restart_runs_the_stopped_steps_again()
    {
        await PutAsync(Definitions.Sleepy("run-stop", "30s"));
        var first = await StartAsync("run-stop");
        var second = await StartAsync("run-stop");
        await WaitAsync(first, r => r.Status == RunStatus.Running);

        // Sequential: the second run waits for the first; a queued run has not started, so it can be neither stopped nor restarted.
        using var stopQueued = await Http.PostAsync(Url($"/api/v1/workflows/run-stop/runs/{second.RunNumber}/stop"), null);
        var problem = await Problem.AssertConflictAsync(stopQueued);
        Assert.Contains("queued", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var restartQueued = await Http.PostAsync(Url($"/api/v1/workflows/run-stop/runs/{second.RunNumber}/restart"), null);
        await Problem.AssertConflictAsync(restartQueued);

        using var stopped = await Http.PostAsync(Url($"/api/v1/workflows/run-stop/runs/{first.RunNumber}/stop"), null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(RunStatus.Stopped, (await ReadAsync<RunInfo>(stopped)).Status);

        // Stopping a finished run changes nothing and says so by its status.
        using var again = await Http.PostAsync(Url($"/api/v1/workflows/run-stop/runs/{first.RunNumber}/stop"), null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(RunStatus.Stopped, (await ReadAsync<RunInfo>(again)).Status);

        // The first run is superseded by the second (it covers the same snapshots): 409.
        using var superseded = await Http.PostAsync(Url($"/api/v1/workflows/run-stop/runs/{first.RunNumber}/restart"), null);
        await Problem.AssertConflictAsync(superseded);

        await WaitAsync(second, r => r.Status == RunStatus.Running);
        using var stopSecond = await Http.PostAsync(Url($"/api/v1/workflows/run-stop/runs/{second.RunNumber}/stop"), null);
        Assert.Equal(RunStatus.Stopped, (await ReadAsync<RunInfo>(stopSecond)).Status);

        using var restarted = await Http.PostAsync(Url($"/api/v1/workflows/run-stop/runs/{second.RunNumber}/restart"), null);
        Assert.True(restarted.StatusCode == HttpStatusCode.OK, await restarted.Content.ReadAsStringAsync());
        var info = await ReadAsync<RunInfo>(restarted);
        Assert.Equal(1, info.Restarts);
        Assert.False(info.Status.IsFinal());
        using var cleanup = await Http.PostAsync(Url($"/api/v1/workflows/run-stop/runs/{second.RunNumber}/stop"), null);
        Assert.Equal(HttpStatusCode.OK, cleanup.StatusCode);

        using var missing = await Http.PostAsync(Url("/api/v1/workflows/run-stop/runs/99/stop"), null);
        await Problem.AssertNotFoundAsync(missing);
        using var badNumber = await Http.PostAsync(Url("/api/v1/workflows/run-stop/runs/-1/restart"), null);
        await Problem.AssertInvalidAsync(badNumber, "runNumber");
    }

    [Fact]
    public async Task Restart_of_a_succeeded_run_is_a_409()
    {
        await PutAsync(Definitions.Sleepy("run-restart", "100ms"));
        var run = await StartAsync("run-restart");
        await WaitForFinalAsync(run);
        using var restart = await Http.PostAsync(Url($"/api/v1/workflows/run-restart/runs/{run.RunNumber}/restart"), null);
        var problem = await Problem.AssertConflictAsync(restart);
        Assert.Contains("Succeeded", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task PutAsync(string definition)
    {
        using var response = await Http.PostAsync(Url(ApiRoutes.Workflows), Json(definition));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<RunReference> StartAsync(string workflowId)
    {
        using var response = await Http.PostAsync(Url($"/api/v1/workflows/{workflowId}/runs"), null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await ReadAsync<RunReference>(response);
    }

    private async Task<T> GetAsync<T>(string path)
    {
        using var response = await Http.GetAsync(Url(path));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadAsync<T>(response);
    }

    private Task<RunInfo> WaitForFinalAsync(RunReference run) => WaitAsync(run, r => r.Status.IsFinal());

    private async Task<RunInfo> WaitAsync(RunReference run, Func<RunInfo, bool> condition)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        while (true)
        {
            var info = await GetAsync<RunInfo>($"/api/v1/workflows/{run.WorkflowId}/runs/{run.RunNumber}");
            if (condition(info))
            {
                return info;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {run} is still {info.Status}");
            await Task.Delay(100);
        }
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);
}
