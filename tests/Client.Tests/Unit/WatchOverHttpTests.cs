using System.Net;
using System.Text;
using System.Text.Json;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Client.Tests.Unit;

public sealed class WatchOverHttpTests
{
    private static readonly Uri Server = new("http://silo.test:5080/");
    private static readonly RunReference Run = new() { WorkflowId = "w", RunNumber = 7 };

    [Fact]
    public async Task Events_are_read_from_the_stream_until_the_run_ends()
    {
        var sse = Frames(
            RunChanges.Snapshot(RunAt(1, RunStatus.Running, stepStatus: RunStatus.Running), 1),
            new RunEvent { Sequence = 2, Type = RunEventTypes.StepChanged, StepId = "a", Status = RunStatus.Succeeded, Run = RunAt(2, RunStatus.Running, RunStatus.Succeeded) },
            new RunEvent { Sequence = 3, Type = RunEventTypes.RunStatusChanged, Status = RunStatus.Succeeded, Run = RunAt(3, RunStatus.Succeeded, RunStatus.Succeeded) });
        // Keep-alive comments and events of unknown types are skipped.
        sse = ": keep-alive\n\nevent: future\ndata: {}\n\n" + sse;
        var handler = new FakeHandler((_, _) => FakeHandler.EventStream(sse));
        var client = MaestroClient.CreateHttp(Server, handler: handler);

        var events = await ToListAsync(client.WatchRunAsync(Run));

        Assert.Equal([RunEventTypes.Snapshot, RunEventTypes.StepChanged, RunEventTypes.RunStatusChanged], events.Select(e => e.Type));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Sequence));
        Assert.Equal(RunStatus.Succeeded, events[^1].Run.Status);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("/api/v1/workflows/w/runs/7/events", request.RequestUri!.AbsolutePath);
        Assert.Contains(request.Headers.Accept, a => a.MediaType == "text/event-stream");
    }

    [Fact]
    public async Task A_broken_stream_is_resumed_once_with_last_event_id_and_no_change_is_lost_or_repeated()
    {
        var first = Frames(
            RunChanges.Snapshot(RunAt(1, RunStatus.Running, RunStatus.Running), 1),
            new RunEvent { Sequence = 2, Type = RunEventTypes.StepChanged, StepId = "a", Status = RunStatus.Running, Attempts = 2, Run = RunAt(2, RunStatus.Running, RunStatus.Running, attempts: 2) });
        // The server watches anew: a snapshot (a revision ahead: the step finished meanwhile), then the run's end.
        var second = Frames(
            RunChanges.Snapshot(RunAt(3, RunStatus.Running, RunStatus.Succeeded, attempts: 2), 1),
            new RunEvent { Sequence = 2, Type = RunEventTypes.RunStatusChanged, Status = RunStatus.Succeeded, Run = RunAt(4, RunStatus.Succeeded, RunStatus.Succeeded, attempts: 2) });
        var handler = new FakeHandler((_, i) => i == 0 ? FakeHandler.EventStream(first, breakAtEnd: true) : FakeHandler.EventStream(second));
        var client = MaestroClient.CreateHttp(Server, handler: handler);

        var events = await ToListAsync(client.WatchRunAsync(Run));

        Assert.Equal(2, handler.Requests.Count);
        Assert.False(handler.Requests[0].Headers.Contains("Last-Event-ID"));
        Assert.Equal(["2"], handler.Requests[1].Headers.GetValues("Last-Event-ID"));
        Assert.Equal(
            [RunEventTypes.Snapshot, RunEventTypes.StepChanged, RunEventTypes.StepChanged, RunEventTypes.RunStatusChanged],
            events.Select(e => e.Type));
        Assert.Equal(RunStatus.Succeeded, events[2].Status); // step a finished while the stream was down
        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_second_break_is_reported_as_unavailable()
    {
        var partial = Frames(RunChanges.Snapshot(RunAt(1, RunStatus.Running, RunStatus.Running), 1));
        var handler = new FakeHandler((_, _) => FakeHandler.EventStream(partial, breakAtEnd: true));
        var client = MaestroClient.CreateHttp(Server, handler: handler);

        var seen = new List<RunEvent>();
        var e = await Assert.ThrowsAsync<MaestroUnavailableException>(async () =>
        {
            await foreach (var change in client.WatchRunAsync(Run))
            {
                seen.Add(change);
            }
        });
        Assert.Equal(2, handler.Requests.Count);
        Assert.Single(seen);
        Assert.Contains("ended before the run finished", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_run_is_not_found_without_a_reconnect()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Problem(404, "Run w/7 does not exist."));
        var client = MaestroClient.CreateHttp(Server, handler: handler);
        await Assert.ThrowsAsync<MaestroNotFoundException>(() => ToListAsync(client.WatchRunAsync(Run)));
        Assert.Single(handler.Requests);
    }

    private static RunInfo RunAt(long revision, RunStatus status, RunStatus stepStatus, int attempts = 1) => new()
    {
        WorkflowId = Run.WorkflowId,
        RunNumber = Run.RunNumber,
        Status = status,
        Revision = revision,
        Steps = [new StepInfo { StepId = "a", Status = stepStatus, Attempts = attempts }],
    };

    /// <summary>SSE frames as the silo writes them: id = the run's revision, event = the type, data = the JSON.</summary>
    private static string Frames(params RunEvent[] events)
    {
        var text = new StringBuilder();
        foreach (var e in events)
        {
            text.Append("id: ").Append(e.Run.Revision).Append('\n')
                .Append("event: ").Append(e.Type).Append('\n')
                .Append("data: ").Append(JsonSerializer.Serialize(e, ApiJson.Options)).Append("\n\n");
        }

        return text.ToString();
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
