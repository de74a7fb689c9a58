using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Scan;
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

    /// <summary>Fast append of data files.</summary>
    public AppendFiles NewAppend() => new(this);

    /// <summary>Replace files: remove some, add others, in one snapshot.</summary>
    public OverwriteFiles NewOverwrite() => new(this);

    /// <summary>Remove whole files.</summary>
    public OverwriteFiles NewDelete() => new(this);

    /// <summary>Add data and delete files (row-level changes).</summary>
    public RowDelta NewRowDelta() => new(this);

    public SchemaUpdate UpdateSchema() => new(this);

    public ExpireSnapshots ExpireSnapshots() => new(this);

    public TableScan NewScan() => new(this);

    public IncrementalAppendScan NewIncrementalAppendScan() => new(this);

    public TableWriter NewWriter() => new(this);

    public DeleteFileWriter NewDeleteWriter() => new(this);

    /// <summary>Writes the rows as data files and appends them in one snapshot; summary keys (e.g. markers) go into the snapshot summary.</summary>
    public async Task<Table> AppendRowsAsync(IEnumerable<object?[]> rows, IReadOnlyDictionary<string, string>? summary = null, CancellationToken cancellationToken = default)
    {
        var files = await NewWriter().WriteAsync(rows, cancellationToken);
        var append = NewAppend().AppendFileRange(files);
        foreach (var (key, value) in summary ?? new Dictionary<string, string>())
        {
            append.SetSummary(key, value);
        }

        try
        {
            return await append.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not CommitStateUnknownException)
        {
            // The data files were never committed: remove them so a failed append leaves nothing behind.
            foreach (var f in files)
            {
                await IO.DeleteAsync(f.FilePath, CancellationToken.None);
            }

            throw;
        }
    }
}
