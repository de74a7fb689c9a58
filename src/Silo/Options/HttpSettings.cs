namespace OrleansMaestro.Silo.Options;

/// <summary>The silo's HTTP endpoint (section <c>Maestro:Http</c>): the API, the OpenAPI document, health checks and metrics.</summary>
public sealed class HttpSettings
{
    /// <summary>The port Kestrel listens on.</summary>
    public int Port { get; set; } = 5080;

    /// <summary>
    /// The address to listen on. Null: 127.0.0.1 in the embedded profile (nothing outside the machine reaches a
    /// single-node install by accident) and every interface in the cluster profile (pods are reached through a Service).
    /// </summary>
    public string? Address { get; set; }

    /// <summary>How long a run's event stream may be idle before a <c>: keep-alive</c> comment is sent (proxies drop idle connections).</summary>
    public TimeSpan EventKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>API keys (<c>Maestro:Http:Auth</c>).</summary>
    public ApiAuthSettings Auth { get; set; } = new();
}
