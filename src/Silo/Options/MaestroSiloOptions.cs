namespace OrleansMaestro.Silo.Options;

/// <summary>
/// The silo's settings (section <c>Maestro</c>). Every default is the embedded profile: one silo on localhost, grain
/// state and the Iceberg catalog in SQLite files and the warehouse in a folder, all under <see cref="DataDirectory"/>.
/// </summary>
public sealed class MaestroSiloOptions
{
    public const string Section = "Maestro";

    /// <summary>Where the embedded profile keeps its files; relative paths are taken from the current directory.</summary>
    public string DataDirectory { get; set; } = ".maestro";

    public string ClusterId { get; set; } = "maestro";

    public string ServiceId { get; set; } = "maestro";

    /// <summary>Silo-to-silo port on 127.0.0.1.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port on 127.0.0.1 where Orleans clients connect.</summary>
    public int GatewayPort { get; set; } = 30000;

    public CatalogSettings Catalog { get; set; } = new();

    /// <summary>Where new tables' files go: a folder or <c>s3://bucket/prefix</c>. Null: <c>&lt;DataDirectory&gt;/warehouse</c>.</summary>
    public string? Warehouse { get; set; }

    public S3Settings S3 { get; set; } = new();
}
