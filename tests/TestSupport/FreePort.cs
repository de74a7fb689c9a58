using System.Net;
using System.Net.Sockets;

namespace OrleansMaestro.Testing;

/// <summary>Finds a TCP port on 127.0.0.1 that is free right now, for servers the tests start.</summary>
public static class FreePort
{
    /// <summary>
    /// A port the OS just handed out for 127.0.0.1. It is released before returning, so another process could take it
    /// before the server binds it: callers that start a server should retry with a new port when binding fails.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
