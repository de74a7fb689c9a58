using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Api;

/// <summary>
/// A run's changes as server-sent events (<see cref="RunWatch.WatchAsync"/>): frames <c>id: &lt;run revision&gt;</c>,
/// <c>event: &lt;type&gt;</c>, <c>data: &lt;RunEvent JSON&gt;</c>; a comment after <c>Maestro:Http:EventKeepAlive</c> without
/// events so proxies keep the connection; the stream ends after the event that shows the run's final status.
/// </summary>
internal static class RunEventEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet(ApiRoutes.RunEvents, StreamAsync).RequireAuthorization(ApiPolicies.Read)
            .WithName("WatchRun").WithSummary("Server-sent events, one RunEvent per change of the run, ending after its final status. Honours Last-Event-ID (a run revision).").WithTags("Runs")
            .Produces<RunEvent>(StatusCodes.Status200OK, "text/event-stream").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task StreamAsync(string workflowId, string runNumber, HttpContext http, IGrainFactory grains, IOptions<MaestroSiloOptions> options)
    {
        var keepAlive = options.Value.Http.EventKeepAlive;
        var run = RouteValues.Run(workflowId, runNumber);
        var lastSeen = LastEventId(http.Request);
        var cancellationToken = http.RequestAborted;
        await using var events = RunWatch.WatchAsync(grains, run, cancellationToken).GetAsyncEnumerator(cancellationToken);

        // The first event is read before the response starts, so a missing run is still a 404 problem.
        var next = events.MoveNextAsync().AsTask();
        if (!await next)
        {
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // Tells nginx-style proxies not to buffer the stream.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var body = http.Response.Body;
        try
        {
            await WriteAsync(body, events.Current, lastSeen, cancellationToken);
            await body.FlushAsync(cancellationToken);
            while (true)
            {
                next = events.MoveNextAsync().AsTask();
                while (!await WithinAsync(next, keepAlive, cancellationToken))
                {
                    await body.WriteAsync(": keep-alive\n\n"u8.ToArray(), cancellationToken);
                    await body.FlushAsync(cancellationToken);
                }

                if (!await next)
                {
                    return;
                }

                await WriteAsync(body, events.Current, lastSeen, cancellationToken);
                await body.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            // The watch may not be disposed while a step of it runs (the viewer left mid-wait): let it see the cancellation first.
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Whether <paramref name="task"/> completes within <paramref name="wait"/> (its timer is dropped when it does).</summary>
    private static async Task<bool> WithinAsync(Task task, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(wait, timer.Token);
        var first = await Task.WhenAny(task, delay);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == task;
    }

    private static async Task WriteAsync(Stream body, RunEvent change, long? lastSeen, CancellationToken cancellationToken)
    {
        // A reconnecting viewer has seen every revision up to Last-Event-ID; the final event is always sent, so the
        // stream still ends with the run's end.
        if (lastSeen is { } seen && change.Run.Revision <= seen && !(change.Type != RunEventTypes.StepChanged && change.Run.Status.IsFinal()))
        {
            return;
        }

        var frame = $"id: {change.Run.Revision.ToString(CultureInfo.InvariantCulture)}\nevent: {change.Type}\ndata: {JsonSerializer.Serialize(change, ApiJson.Options)}\n\n";
        await body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(frame), cancellationToken);
    }

    private static long? LastEventId(HttpRequest request) =>
        request.Headers["Last-Event-ID"].FirstOrDefault() is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : null;
}
