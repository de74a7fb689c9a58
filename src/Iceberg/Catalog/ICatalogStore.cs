namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>
/// The pointer store behind a catalog: which metadata file is current for each table, and namespace properties.
/// Implementations use the schema of Iceberg's JDBC catalog / PyIceberg's SQL catalog
/// (<c>iceberg_tables</c>, <c>iceberg_namespace_properties</c>), so other engines can share the database.
/// </summary>
public interface ICatalogStore
{
    /// <summary>The catalog name stored in the <c>catalog_name</c> column.</summary>
    string CatalogName { get; }

    /// <summary>Creates the catalog tables if they do not exist. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Namespace>> ListNamespacesAsync(CancellationToken cancellationToken = default);
    Task<bool> NamespaceExistsAsync(Namespace ns, CancellationToken cancellationToken = default);
    /// <summary>Throws <see cref="AlreadyExistsException"/> when the namespace exists.</summary>
    Task CreateNamespaceAsync(Namespace ns, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default);
    Task<IReadOnlyDictionary<string, string>> LoadNamespacePropertiesAsync(Namespace ns, CancellationToken cancellationToken = default);
    /// <summary>Throws <see cref="NoSuchNamespaceException"/>, or <see cref="NamespaceNotEmptyException"/> when it still has tables.</summary>
    Task DropNamespaceAsync(Namespace ns, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TableIdentifier>> ListTablesAsync(Namespace ns, CancellationToken cancellationToken = default);
    /// <summary>The current metadata location, or null when the table does not exist.</summary>
    Task<string?> GetMetadataLocationAsync(TableIdentifier table, CancellationToken cancellationToken = default);
    /// <summary>Registers a new table. Throws <see cref="AlreadyExistsException"/> or <see cref="NoSuchNamespaceException"/>.</summary>
    Task CreateTableAsync(TableIdentifier table, string metadataLocation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically swaps the table's metadata location from <paramref name="expectedMetadataLocation"/> to
    /// <paramref name="newMetadataLocation"/> (and records the old one as previous_metadata_location).
    /// Returns false (and changes nothing) when the current location is not the expected one: another writer won.
    /// Throws <see cref="NoSuchTableException"/> when the table does not exist.
    /// </summary>
    Task<bool> CompareAndSwapAsync(TableIdentifier table, string expectedMetadataLocation, string newMetadataLocation, CancellationToken cancellationToken = default);

    /// <summary>Removes the table's row. Throws <see cref="NoSuchTableException"/>.</summary>
    Task DropTableAsync(TableIdentifier table, CancellationToken cancellationToken = default);
    /// <summary>Renames a table. Throws <see cref="NoSuchTableException"/>, <see cref="AlreadyExistsException"/> or <see cref="NoSuchNamespaceException"/>.</summary>
    Task RenameTableAsync(TableIdentifier from, TableIdentifier to, CancellationToken cancellationToken = default);
}
