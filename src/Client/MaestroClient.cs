using OrleansMaestro.Client.Http;

namespace OrleansMaestro.Client;

/// <summary>Creates <see cref="IMaestroClient"/>s without dependency injection (scripts, the CLI, tests).</summary>
public static class MaestroClient
{
    /// <summary>
    /// A client over the silo's HTTP API at <paramref name="server"/> (e.g. <c>http://localhost:5080</c>), sending
    /// <paramref name="apiKey"/> when given. <paramref name="handler"/> replaces the default HTTP handler (tests, proxies).
    /// The client owns its <see cref="HttpClient"/> for the life of the process; create one and keep it.
    /// </summary>
    public static IMaestroClient CreateHttp(Uri server, string? apiKey = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The server must be an absolute http(s) address, not '{server}'.", nameof(server));
        }

        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: true);
        HttpMaestroClient.Configure(http, server, apiKey, timeout: null);
        return new HttpMaestroClient(http);
    }
}
