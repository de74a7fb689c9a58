namespace OrleansMaestro.Silo.Options;

/// <summary>The Iceberg SQL catalog (section <c>Maestro:Catalog</c>).</summary>
public sealed class CatalogSettings
{
    public CatalogKind Kind { get; set; } = CatalogKind.Sqlite;

    /// <summary>
    /// For <see cref="CatalogKind.Sqlite"/> the database file (null: <c>&lt;DataDirectory&gt;/catalog.db</c>); for
    /// <see cref="CatalogKind.Postgres"/> an Npgsql connection string (required).
    /// </summary>
    public string? Connection { get; set; }

    /// <summary>The <c>catalog_name</c> column; the same default as the <c>maestro</c> CLI, so it reads the silo's tables.</summary>
    public string Name { get; set; } = "maestro";
}
