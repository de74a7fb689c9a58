namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>Settings of <see cref="PostgresCatalogStore"/>.</summary>
public sealed record PostgresCatalogOptions : SqlCatalogOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Username=postgres;Database=catalog</c>.</summary>
    public required string ConnectionString { get; init; }
}
