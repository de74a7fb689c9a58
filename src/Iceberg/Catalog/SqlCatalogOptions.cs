namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>Settings shared by the SQL catalog stores.</summary>
public abstract record SqlCatalogOptions
{
    /// <summary>Value of the <c>catalog_name</c> column; several catalogs can share one database.</summary>
    public string CatalogName { get; init; } = "default";

    /// <summary>
    /// How many times a statement is retried after a transient failure (database restarting, SQLite busy).
    /// Each retry waits twice as long as the previous one, starting at <see cref="RetryBaseDelay"/>, capped at <see cref="RetryMaxDelay"/>.
    /// </summary>
    public int MaxRetries { get; init; } = 8;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(2);
}
