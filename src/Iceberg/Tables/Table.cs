using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>A table as loaded from its catalog at one metadata version. Immutable: commits return a new instance.</summary>
public sealed class Table
{
    internal Table(SqlCatalog catalog, TableIdentifier identifier, TableMetadata metadata, string metadataLocation)
    {
        Catalog = catalog;
        Identifier = identifier;
        Metadata = metadata;
        MetadataLocation = metadataLocation;
    }

    public SqlCatalog Catalog { get; }

    public TableIdentifier Identifier { get; }

    public TableMetadata Metadata { get; }

    public string MetadataLocation { get; }

    public IFileIO IO => Catalog.IO;

    public Schema Schema => Metadata.CurrentSchema;

    public PartitionSpec Spec => Metadata.DefaultSpec;

    public Snapshot? CurrentSnapshot => Metadata.CurrentSnapshot;

    public string Location => Metadata.Location;

    public Task<Table> RefreshAsync(CancellationToken cancellationToken = default) => Catalog.LoadTableAsync(Identifier, cancellationToken);

    public override string ToString() => $"{Identifier} @ {MetadataLocation}";
}
