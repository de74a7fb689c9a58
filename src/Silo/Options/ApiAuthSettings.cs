namespace OrleansMaestro.Silo.Options;

/// <summary>API keys for the HTTP API (section <c>Maestro:Http:Auth</c>); see docs/api.md.</summary>
public sealed class ApiAuthSettings
{
    /// <summary>
    /// Whether API calls need a key. Null: on in the cluster profile (reachable from the network), and in the embedded
    /// profile only when <see cref="HttpSettings.Address"/> makes it listen beyond loopback (an embedded silo opened to
    /// the network is not left open to anyone by default). Health checks, metrics and the OpenAPI document never need one.
    /// </summary>
    public bool? Enabled { get; set; }

    public List<ApiKeySettings> ApiKeys { get; set; } = [];

    /// <summary>Whether keys are checked for a silo with <paramref name="options"/>.</summary>
    public bool IsEnabled(MaestroSiloOptions options) =>
        Enabled ?? (options.Profile == SiloProfile.Cluster || !ListensOnLoopbackOnly(options.Http.Address));

    private static bool ListensOnLoopbackOnly(string? address) =>
        address is null || (System.Net.IPAddress.TryParse(address, out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
