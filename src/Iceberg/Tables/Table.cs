using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>A table as loaded from its catalog at one metadata version. Immutable: commits return a new instance.</summary>
public sealed class Table
{
    internal Table(SqlCatalog catalog, TableIdentifier identifier, TableMetadata metadata, string metadataLocation)
        : this(catalog.IO, identifier, metadata, metadataLocation, catalog)
    {
    }

    private Table(IFileIO io, TableIdentifier identifier, TableMetadata metadata, string metadataLocation, SqlCatalog? catalog)
    {
        IO = io;
        CatalogOrNull = catalog;
        Identifier = identifier;
        Metadata = metadata;
        MetadataLocation = metadataLocation;
    }

    /// <summary>The catalog the table was loaded from; read-only tables (loaded from a metadata file) have none.</summary>
    public SqlCatalog Catalog => CatalogOrNull
        ?? throw new InvalidOperationException($"Table {Identifier} was loaded from the metadata file '{MetadataLocation}' and is read-only: commit through a catalog.");

    public SqlCatalog? CatalogOrNull { get; }

    public bool IsReadOnly => CatalogOrNull is null;

    public TableIdentifier Identifier { get; }

    public TableMetadata Metadata { get; }

    public string MetadataLocation { get; }

    public IFileIO IO { get; }

    public Schema Schema => Metadata.CurrentSchema;

    public PartitionSpec Spec => Metadata.DefaultSpec;

    public Snapshot? CurrentSnapshot => Metadata.CurrentSnapshot;

    public string Location => Metadata.Location;

    /// <summary>Loads a table straight from a metadata file (written by any engine, local or on S3), read-only.</summary>
    public static async Task<Table> LoadFromMetadataAsync(IFileIO io, string metadataLocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentException.ThrowIfNullOrWhiteSpace(metadataLocation);
        var metadata = await SqlCatalog.ReadMetadataAsync(io, metadataLocation, cancellationToken);
        var root = TableLocations.TableRootOf(metadataLocation);
        var name = root[(root.LastIndexOf('/') + 1)..];
        var identifier = new TableIdentifier(new Namespace(["external"]), string.IsNullOrEmpty(name) ? "table" : name.Replace('.', '_'));
        return new Table(io, identifier, metadata, metadataLocation, catalog: null);
    }

    public Task<Table> RefreshAsync(CancellationToken cancellationToken = default) => Catalog.LoadTableAsync(Identifier, cancellationToken);

    public override string ToString() => $"{Identifier} @ {MetadataLocation}";
}
