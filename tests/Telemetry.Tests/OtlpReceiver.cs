using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;

namespace OrleansMaestro.Telemetry.Tests;

/// <summary>
/// A minimal OTLP/HTTP collector on a free loopback port: keeps every span posted to <c>/v1/traces</c> and accepts
/// (and drops) <c>/v1/metrics</c> and <c>/v1/logs</c>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<OtlpSpan> _spans = new();
    private readonly Task _loop;

    private OtlpReceiver(HttpListener listener, Uri address)
    {
        _listener = listener;
        Address = address;
        _loop = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    public static OtlpReceiver Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(address.ToString());
            try
            {
                listener.Start();
                return new OtlpReceiver(listener, address);
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            using var body = new MemoryStream();
            var input = context.Request.Headers["Content-Encoding"] == "gzip"
                ? new GZipStream(context.Request.InputStream, CompressionMode.Decompress)
                : context.Request.InputStream;
            await input.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                foreach (var span in OtlpProtobuf.ReadSpans(body.ToArray()))
                {
                    _spans.Enqueue(span);
                }
            }

            // An empty Export*ServiceResponse: full success.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
