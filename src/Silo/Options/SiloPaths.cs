namespace OrleansMaestro.Silo.Options;

/// <summary>
/// The absolute locations the silo uses, resolved once from <see cref="MaestroSiloOptions"/> against the current
/// directory: the catalog stores absolute metadata locations, which must stay valid whatever folder the silo starts from.
/// </summary>
public sealed record SiloPaths
{
    public required string DataDirectory { get; init; }

    /// <summary>Grain state (workflows, watermarks, runs): the SQLite file that makes them survive a restart.</summary>
    public required string StateFile { get; init; }

    /// <summary>The catalog's store: always PostgreSQL in the cluster profile, <c>Maestro:Catalog:Kind</c> in the embedded one.</summary>
    public required CatalogKind CatalogKind { get; init; }

    /// <summary>A SQLite file path, or the PostgreSQL connection string.</summary>
    public required string CatalogConnection { get; init; }

    /// <summary>A folder or an <c>s3://</c> URI.</summary>
    public required string Warehouse { get; init; }

    /// <summary>Scratch space of SQL steps (DuckDB spill, files in transit).</summary>
    public required string ScratchDirectory { get; init; }

    public static SiloPaths Resolve(MaestroSiloOptions options, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = Path.GetFullPath(options.DataDirectory, currentDirectory);
        var cluster = options.Profile == SiloProfile.Cluster;
        var catalogKind = cluster ? CatalogKind.Postgres : options.Catalog.Kind;
        return new SiloPaths
        {
            DataDirectory = data,
            StateFile = Path.Combine(data, "state.db"),
            CatalogKind = catalogKind,
            CatalogConnection = catalogKind == CatalogKind.Postgres
                ? options.Catalog.Connection ?? options.Cluster.ConnectionString!
                : Path.GetFullPath(options.Catalog.Connection ?? Path.Combine(data, "catalog.db"), currentDirectory),
            Warehouse = IsS3(options.Warehouse)
                ? options.Warehouse!.TrimEnd('/')
                : Path.GetFullPath(options.Warehouse ?? Path.Combine(data, "warehouse"), currentDirectory),
            ScratchDirectory = Path.Combine(data, "scratch"),
        };
    }

    public static bool IsS3(string? location) =>
        location is not null
        && (location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("s3a://", StringComparison.OrdinalIgnoreCase));
}
