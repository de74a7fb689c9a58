namespace OrleansMaestro.Client;

/// <summary>Creates <see cref="IMaestroClient"/>s without dependency injection (scripts, the CLI, tests).</summary>
public static class MaestroClient
{
    /// <summary>
    /// A client over the silo's HTTP API at <paramref name="server"/> (e.g. <c>http://localhost:5080</c>), sending
    /// <paramref name="apiKey"/> when given. <paramref name="handler"/> replaces the default HTTP handler (tests, proxies).
    /// </summary>
    public static IMaestroClient CreateHttp(Uri server, string? apiKey = null, HttpMessageHandler? handler = null)
        => throw new NotImplementedException("TEMPORARY: the HTTP client is being written (branch h-client).");
}
