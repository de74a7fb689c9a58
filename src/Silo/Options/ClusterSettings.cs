namespace OrleansMaestro.Silo.Options;

/// <summary>The cluster profile's own settings (section <c>Maestro:Cluster</c>); ports and ids are the silo's top-level ones.</summary>
public sealed class ClusterSettings
{
    /// <summary>
    /// Npgsql connection string of the database that holds membership, grain state, reminders and (unless
    /// <c>Maestro:Catalog:Connection</c> names another) the Iceberg catalog. Required in the cluster profile.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The IP address other silos and clients reach this silo on (it listens on every interface). Null: 127.0.0.1,
    /// which only suits silos on one machine; set it (e.g. from the pod IP) on real hosts.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Apply the schema scripts (as <c>OrleansMaestro.Silo migrate</c> does) before the silo starts.</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>
    /// Run under Kubernetes with Orleans' Kubernetes hosting: the pod's name, namespace and IP (<c>POD_NAME</c>,
    /// <c>POD_NAMESPACE</c>, <c>POD_IP</c>) name and address the silo, and silos whose pods are gone are declared dead
    /// at once. The pod's service account needs get/list/watch/patch/delete on pods. Cluster profile only.
    /// </summary>
    public bool Kubernetes { get; set; }
}
