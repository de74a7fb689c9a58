namespace OrleansMaestro.Silo.Options;

/// <summary>API keys for the HTTP API (section <c>Maestro:Http:Auth</c>); see docs/api.md.</summary>
public sealed class ApiAuthSettings
{
    /// <summary>
    /// Whether API calls need a key. Null: on in the cluster profile (reachable from the network), off in the embedded
    /// profile (loopback only). Health checks, metrics and the OpenAPI document never need one.
    /// </summary>
    public bool? Enabled { get; set; }

    public List<ApiKeySettings> ApiKeys { get; set; } = [];

    /// <summary>Whether keys are checked for a silo of <paramref name="profile"/>.</summary>
    public bool IsEnabled(SiloProfile profile) => Enabled ?? profile == SiloProfile.Cluster;
}
