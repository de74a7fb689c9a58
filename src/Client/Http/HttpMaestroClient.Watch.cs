using System.Runtime.CompilerServices;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Client.Http;

public sealed partial class HttpMaestroClient
{
    /// <summary>
    /// The run's events from the SSE endpoint (each event's id is the run's revision). When the connection breaks (or
    /// the server ends the stream) before the run finished, the client reconnects once with <c>Last-Event-ID</c>. The
    /// caller sees each change once: a fresh snapshot after the reconnect is turned into the changes since the last
    /// event seen (<see cref="RunChanges.Between"/>), and events of revisions seen already are dropped. Sequence numbers
    /// are the client's own, counting from 1 without gaps.
    /// </summary>
    /// <inheritdoc />
    public async IAsyncEnumerable<RunEvent> WatchRunAsync(RunReference run, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var path = ApiPaths.RunEvents(run);
        RunInfo? last = null;
        string? lastId = null;
        long seenRevision = -1;
        long sequence = 1;
        var reconnected = false;
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await SendAsync(HttpMethod.Get, path, null, cancellationToken, HttpCompletionOption.ResponseHeadersRead, headers =>
                {
                    headers.Accept.ParseAdd("text/event-stream");
                    // So an error (a missing run: 404) can be answered as problem details, which a server only writes
                    // when the request accepts them.
                    headers.Accept.ParseAdd("application/problem+json");
                    if (lastId is not null)
                    {
                        headers.TryAddWithoutValidation("Last-Event-ID", lastId);
                    }
                });
            }
            catch (MaestroUnavailableException) when (!reconnected && last is not null)
            {
                reconnected = true;
                continue;
            }

            var resumed = reconnected && last is not null;
            if (resumed)
            {
                seenRevision = last!.Revision;
            }

            var first = true;
            Exception? broken = null;
            using (response)
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                await using var events = RunEventStream.ReadAsync(stream, cancellationToken).GetAsyncEnumerator(cancellationToken);
                while (true)
                {
                    (RunEvent Event, string? Id) item;
                    try
                    {
                        if (!await events.MoveNextAsync())
                        {
                            break;
                        }

                        item = events.Current;
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException)
                    {
                        broken = e;
                        break;
                    }

                    var (received, id) = item;
                    IReadOnlyList<RunEvent> toYield;
                    if (resumed && first && received.Type == RunEventTypes.Snapshot)
                    {
                        // The server watches anew from a snapshot: report what changed while we were away, not the whole run again.
                        toYield = RunChanges.Between(last!, received.Run, sequence);
                        seenRevision = received.Run.Revision;
                    }
                    else if (resumed && received.Run.Revision <= seenRevision && !IsEnd(received))
                    {
                        toYield = []; // seen before the reconnect
                    }
                    else
                    {
                        toYield = [received with { Sequence = sequence }];
                    }

                    first = false;
                    lastId = id ?? lastId;
                    last = received.Run;
                    foreach (var change in toYield)
                    {
                        sequence++;
                        yield return change;
                    }

                    if (IsEnd(received))
                    {
                        yield break;
                    }
                }
            }

            if (reconnected || last is null)
            {
                throw new MaestroUnavailableException(
                    $"The event stream of run {run} ended before the run finished{(broken is null ? "" : ": " + broken.Message)}.", broken);
            }

            reconnected = true;
        }
    }

    /// <summary>The event that shows the run's end is the last one of a watch.</summary>
    private static bool IsEnd(RunEvent change) => change.Type != RunEventTypes.StepChanged && change.Run.Status.IsFinal();
}
