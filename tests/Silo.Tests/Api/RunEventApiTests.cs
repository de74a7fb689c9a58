using System.Net;
using System.Text.Json;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;
using static OrleansMaestro.Silo.Tests.Api.ApiSilo;

namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>The server-sent event stream of a run, read to its end.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class RunEventApiTests(ApiSilo silo)
{
    private HttpClient Http => silo.Http;

    [Fact]
    public async Task The_stream_shows_the_run_from_its_snapshot_to_its_final_status_and_then_ends()
    {
        using (var put = await Http.PostAsync(Url(ApiRoutes.Workflows), Json(Definitions.Sleepy("sse-run", "1s"))))
        {
            Assert.True(put.IsSuccessStatusCode);
        }

        using var started = await Http.PostAsync(Url("/api/v1/workflows/sse-run/runs"), null);
        var run = await ReadAsync<RunReference>(started);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await Http.GetAsync(Url($"/api/v1/workflows/sse-run/runs/{run.RunNumber}/events"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var (frames, keepAlives) = await ReadFramesAsync(await response.Content.ReadAsStreamAsync(timeout.Token), timeout.Token);

        // The one-second nap is longer than the test silo's keep-alive (300 ms).
        Assert.True(keepAlives > 0, "no keep-alive comment while the step slept");
        Assert.Equal(RunEventTypes.Snapshot, frames[0].Event);
        var events = frames.Select(f => JsonSerializer.Deserialize<RunEvent>(f.Data, ApiJson.Options)!).ToArray();
        Assert.Equal(Enumerable.Range(1, events.Length).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.All(frames.Zip(events), p => Assert.Equal(p.Second.Type, p.First.Event));
        Assert.All(frames.Zip(events), p => Assert.Equal(p.Second.Run.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), p.First.Id));
        Assert.Contains(events, e => e.Type == RunEventTypes.StepChanged && e.StepId == "nap" && e.Status == RunStatus.Succeeded);
        var last = events[^1];
        Assert.Equal(RunEventTypes.RunStatusChanged, last.Type);
        Assert.Equal(RunStatus.Succeeded, last.Status);

        // Reconnecting after the end with the last id seen still gets the final event (and only what is newer).
        using var request = new HttpRequestMessage(HttpMethod.Get, Url($"/api/v1/workflows/sse-run/runs/{run.RunNumber}/events"));
        request.Headers.Add("Last-Event-ID", frames[^1].Id);
        using var again = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var (replay, _) = await ReadFramesAsync(await again.Content.ReadAsStreamAsync(timeout.Token), timeout.Token);
        Assert.Equal(RunEventTypes.Snapshot, Assert.Single(replay).Event);
    }

    [Fact]
    public async Task A_viewer_that_leaves_mid_stream_ends_the_watch_without_an_error()
    {
        using (var put = await Http.PostAsync(Url(ApiRoutes.Workflows), Json(Definitions.Sleepy("sse-leave", "20s"))))
        {
            Assert.True(put.IsSuccessStatusCode);
        }

        using var started = await Http.PostAsync(Url("/api/v1/workflows/sse-leave/runs"), null);
        var run = await ReadAsync<RunReference>(started);
        using (var response = await Http.GetAsync(Url($"/api/v1/workflows/sse-leave/runs/{run.RunNumber}/events"), HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("id: ", await reader.ReadLineAsync());
            // The step sleeps 20 s, so the watch is in the middle of a long poll of the run grain when the viewer leaves.
            Assert.Equal("event: snapshot", await reader.ReadLineAsync());
        }

        await Task.Delay(1000);
        Assert.DoesNotContain("unhandled exception", silo.Process.Errors, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("failed after its response started", silo.Process.Errors, StringComparison.Ordinal);
        using var stop = await Http.PostAsync(Url($"/api/v1/workflows/sse-leave/runs/{run.RunNumber}/stop"), null);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
    }

    [Fact]
    public async Task A_missing_run_is_a_404_problem_and_a_bad_number_a_400()
    {
        using var missing = await Http.GetAsync(Url("/api/v1/workflows/sse-never/runs/1/events"));
        await Problem.AssertNotFoundAsync(missing);
        using var bad = await Http.GetAsync(Url("/api/v1/workflows/sse-never/runs/one/events"));
        await Problem.AssertInvalidAsync(bad, "runNumber");
    }

    [Fact]
    public async Task An_event_source_that_accepts_only_event_streams_still_gets_the_404_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/api/v1/workflows/sse-never/runs/1/events"));
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var missing = await Http.SendAsync(request);
        await Problem.AssertNotFoundAsync(missing);
    }

    private static async Task<(List<(string? Id, string? Event, string Data)> Frames, int KeepAlives)> ReadFramesAsync(Stream stream, CancellationToken cancellationToken)
    {
        var frames = new List<(string?, string?, string)>();
        var keepAlives = 0;
        using var reader = new StreamReader(stream);
        string? id = null, type = null, data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    frames.Add((id, type, data));
                }

                (id, type, data) = (null, null, null);
            }
            else if (line == ": keep-alive")
            {
                keepAlives++;
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        return (frames, keepAlives);
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);
}
