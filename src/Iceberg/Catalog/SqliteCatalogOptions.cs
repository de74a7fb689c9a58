namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>Settings of <see cref="SqliteCatalogStore"/>.</summary>
public sealed record SqliteCatalogOptions : SqlCatalogOptions
{
    /// <summary>Path of the SQLite database file; created when missing.</summary>
    public required string FilePath { get; init; }

    /// <summary>
    /// How long SQLite waits for another connection's write lock before reporting SQLITE_BUSY.
    /// Generous because catalog writes are tiny: waiting is cheaper than failing a commit.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
