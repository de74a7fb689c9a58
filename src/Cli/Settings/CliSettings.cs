namespace OrleansMaestro.Cli.Settings;

/// <summary>Where the catalog and the warehouse are, resolved from options, environment variables and defaults.</summary>
public sealed record CliSettings
{
    public required CatalogKind CatalogKind { get; init; }

    /// <summary>An absolute SQLite file path, or an Npgsql connection string.</summary>
    public required string CatalogConnection { get; init; }

    /// <summary>An absolute folder path or an <c>s3://bucket/prefix</c> URI.</summary>
    public required string Warehouse { get; init; }

    public required string CatalogName { get; init; }

    public S3Settings S3 { get; init; } = new();
}
