using System.Net;
using System.Text;

namespace OrleansMaestro.Client.Tests.Unit;

/// <summary>An HTTP handler that answers from a script and records every request (with the headers it carried).</summary>
internal sealed class FakeHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    public List<string?> Bodies { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        Bodies.Add(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken));
        var response = answer(request, Requests.Count - 1);
        response.RequestMessage = request;
        return response;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Problem(int status, string detail, string? errors = null) => Json((HttpStatusCode)status,
        $$"""{"type":"https://orleans-maestro.dev/problems/x","title":"t","status":{{status}},"detail":"{{detail}}"{{(errors is null ? "" : ",\"errors\":" + errors)}}}""",
        "application/problem+json");

    /// <summary>A response whose body is <paramref name="sse"/> and then, optionally, a broken connection.</summary>
    public static HttpResponseMessage EventStream(string sse, bool breakAtEnd = false) => new(HttpStatusCode.OK)
    {
        Content = new StreamContent(new ScriptedStream(Encoding.UTF8.GetBytes(sse), breakAtEnd))
        {
            Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream") },
        },
    };

    /// <summary>Reads its bytes, then ends or throws as a reset connection would.</summary>
    private sealed class ScriptedStream(byte[] data, bool breakAtEnd) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read == 0 && breakAtEnd ? throw new IOException("connection reset by peer (fake)") : read;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read == 0 && breakAtEnd ? throw new IOException("connection reset by peer (fake)") : read;
        }
    }
}
