namespace OrleansMaestro.Silo.Options;

/// <summary>
/// The silo's settings (section <c>Maestro</c>). Every default is the embedded profile: one silo on localhost, grain
/// state and the Iceberg catalog in SQLite files and the warehouse in a folder, all under <see cref="DataDirectory"/>.
/// </summary>
public sealed class MaestroSiloOptions
{
    public const string Section = "Maestro";

    /// <summary>Embedded (the default) or Cluster; see <see cref="Cluster"/> for what the cluster profile needs.</summary>
    public SiloProfile Profile { get; set; } = SiloProfile.Embedded;

    /// <summary>Where the embedded profile keeps its files; relative paths are taken from the current directory.</summary>
    public string DataDirectory { get; set; } = ".maestro";

    public string ClusterId { get; set; } = "maestro";

    public string ServiceId { get; set; } = "maestro";

    /// <summary>Silo-to-silo port (on 127.0.0.1 in the embedded profile).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port where Orleans clients connect (on 127.0.0.1 in the embedded profile).</summary>
    public int GatewayPort { get; set; } = 30000;

    public HttpSettings Http { get; set; } = new();

    public CatalogSettings Catalog { get; set; } = new();

    /// <summary>
    /// Where new tables' files go: a folder or <c>s3://bucket/prefix</c>. Null: <c>&lt;DataDirectory&gt;/warehouse</c> in
    /// the embedded profile; required in the cluster profile, where every silo must see the same files.
    /// </summary>
    public string? Warehouse { get; set; }

    public S3Settings S3 { get; set; } = new();

    public ClusterSettings Cluster { get; set; } = new();

    /// <summary>
    /// How long a stop (Ctrl+C, SIGTERM) may take. Within it the silo stops taking work, deactivates its grains (they
    /// move to the other silos on their next call) and marks itself dead in the membership table; the default 30 s of
    /// .NET can cut that short on a busy silo.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
