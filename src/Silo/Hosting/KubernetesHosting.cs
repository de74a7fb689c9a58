using Orleans.Configuration;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Hosting;

/// <summary>
/// <c>Maestro:Cluster:Kubernetes</c>: Orleans' Kubernetes hosting on top of the cluster profile's PostgreSQL membership.
/// It names the silo after its pod (<c>POD_NAME</c>), advertises the pod's IP (<c>POD_IP</c>) unless
/// <c>Maestro:Cluster:AdvertisedAddress</c> is set, and watches the pods of the cluster (in <c>POD_NAMESPACE</c>, by
/// the <c>orleans/clusterId</c> and <c>orleans/serviceId</c> labels, which it patches onto its own pod): a silo whose
/// pod was deleted is declared dead at once instead of after missed heartbeats. The membership table stays the source
/// of truth; the Kubernetes API only speeds up failure detection.
/// </summary>
internal static class KubernetesHosting
{
    public static void Configure(ISiloBuilder silo, MaestroSiloOptions options)
    {
        silo.UseKubernetesHosting();

        // Kubernetes hosting fills the advertised address and the listening endpoints (every interface) after this.
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = options.SiloPort;
            o.GatewayPort = options.GatewayPort;
        });
    }
}
