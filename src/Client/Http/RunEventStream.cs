using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Client.Http;

/// <summary>
/// Reads the server-sent events of <see cref="ApiRoutes.RunEvents"/>: each event's <c>data</c> is one
/// <see cref="RunEvent"/> in <see cref="ApiJson"/>, its <c>id</c> the event's sequence number.
/// </summary>
internal static class RunEventStream
{
    /// <summary>
    /// The run events in <paramref name="stream"/>, with the SSE id of each. Events of other types (a newer server's, or
    /// keep-alives with no data) are skipped, so they cannot break an older client.
    /// </summary>
    public static async IAsyncEnumerable<(RunEvent Event, string? Id)> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var parser = SseParser.Create(stream, static (type, data) => IsRunEvent(type) && !data.IsEmpty
            ? JsonSerializer.Deserialize<RunEvent>(data, ApiJson.Options)
            : null);
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            if (item.Data is { } runEvent)
            {
                yield return (runEvent, item.EventId);
            }
        }
    }

    /// <summary>The server names events by <see cref="RunEvent.Type"/>; an unnamed event (<c>message</c>) is read too.</summary>
    private static bool IsRunEvent(string type) =>
        type is SseParser.EventTypeDefault or RunEventTypes.Snapshot or RunEventTypes.RunStatusChanged or RunEventTypes.StepChanged;
}
