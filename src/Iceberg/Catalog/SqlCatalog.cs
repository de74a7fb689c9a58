using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>
/// An Iceberg catalog on the JDBC/PyIceberg SQL schema: table pointers in a database (<see cref="ICatalogStore"/>),
/// metadata and data files in a warehouse (<see cref="IFileIO"/>). Commits write a new metadata file and then
/// compare-and-swap the pointer; a writer that loses the race re-reads the table, re-applies its change and retries.
/// </summary>
public sealed class SqlCatalog
{
    private readonly ILogger _logger;

    public SqlCatalog(ICatalogStore store, IFileIO io, CatalogOptions options, TimeProvider? timeProvider = null, ILogger<SqlCatalog>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(options);
        Store = store;
        IO = io;
        Options = options;
        Time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public ICatalogStore Store { get; }

    public IFileIO IO { get; }

    public CatalogOptions Options { get; }

    public TimeProvider Time { get; }

    public string Name => Store.CatalogName;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Store.InitializeAsync(cancellationToken);

    public Task<IReadOnlyList<Namespace>> ListNamespacesAsync(CancellationToken cancellationToken = default) => Store.ListNamespacesAsync(cancellationToken);

    public Task CreateNamespaceAsync(Namespace ns, IReadOnlyDictionary<string, string>? properties = null, CancellationToken cancellationToken = default) =>
        Store.CreateNamespaceAsync(ns, properties ?? new Dictionary<string, string>(), cancellationToken);

    /// <summary>Creates the namespace unless it exists already.</summary>
    public async Task EnsureNamespaceAsync(Namespace ns, CancellationToken cancellationToken = default)
    {
        if (!await Store.NamespaceExistsAsync(ns, cancellationToken))
        {
            try
            {
                await Store.CreateNamespaceAsync(ns, new Dictionary<string, string>(), cancellationToken);
            }
            catch (AlreadyExistsException)
            {
                // Created concurrently by another writer: that is what we wanted.
            }
        }
    }

    public Task DropNamespaceAsync(Namespace ns, CancellationToken cancellationToken = default) => Store.DropNamespaceAsync(ns, cancellationToken);

    public Task<IReadOnlyList<TableIdentifier>> ListTablesAsync(Namespace ns, CancellationToken cancellationToken = default) => Store.ListTablesAsync(ns, cancellationToken);

    public async Task<bool> TableExistsAsync(TableIdentifier id, CancellationToken cancellationToken = default) =>
        await Store.GetMetadataLocationAsync(id, cancellationToken) is not null;

    /// <summary>The default location of a new table: <c>{warehouse}/{namespace}.db/{table}</c>, as Spark and PyIceberg place them.</summary>
    public string DefaultTableLocation(TableIdentifier id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TableLocations.Join(Options.Warehouse, $"{id.Namespace}.db/{id.Name}");
    }

    /// <summary>Creates a table with no snapshots. Throws <see cref="AlreadyExistsException"/> or <see cref="NoSuchNamespaceException"/>.</summary>
    public async Task<Table> CreateTableAsync(
        TableIdentifier id,
        Schema schema,
        PartitionSpec? spec = null,
        IReadOnlyDictionary<string, string>? properties = null,
        string? location = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(schema);
        if (!await Store.NamespaceExistsAsync(id.Namespace, cancellationToken))
        {
            throw new NoSuchNamespaceException($"Namespace '{id.Namespace}' does not exist; create it first.");
        }

        if (await TableExistsAsync(id, cancellationToken))
        {
            throw new AlreadyExistsException($"Table '{id}' already exists.");
        }

        var metadata = TableMetadataBuilder.NewTable(schema, spec ?? PartitionSpec.Unpartitioned, location ?? DefaultTableLocation(id), properties, NowMs());
        var metadataLocation = TableLocations.MetadataFile(metadata.Location, 0);
        await IO.WriteAllBytesAsync(metadataLocation, TableMetadataParser.ToUtf8Json(metadata), cancellationToken);
        try
        {
            await Store.CreateTableAsync(id, metadataLocation, cancellationToken);
        }
        catch
        {
            await DeleteQuietlyAsync([metadataLocation]);
            throw;
        }

        _logger.LogInformation("Created table {Table} at {Location}", id, metadata.Location);
        var table = new Table(this, id, metadata, metadataLocation);
        await NotifyAsync(table, cancellationToken);
        return table;
    }

    /// <summary>
    /// Registers a table whose metadata file already exists — written by another engine or catalog, e.g. a Spark table
    /// on S3 — under <paramref name="id"/>, without copying or rewriting anything (Java's <c>Catalog.registerTable</c>).
    /// Later commits go through this catalog. Throws <see cref="AlreadyExistsException"/> when the name is taken,
    /// <see cref="NoSuchNamespaceException"/>, or <see cref="InvalidDataException"/> when the file cannot be read as
    /// table metadata (then nothing is registered).
    /// </summary>
    public async Task<Table> RegisterTableAsync(TableIdentifier id, string metadataLocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(metadataLocation);
        if (!await Store.NamespaceExistsAsync(id.Namespace, cancellationToken))
        {
            throw new NoSuchNamespaceException($"Namespace '{id.Namespace}' does not exist; create it first.");
        }

        if (await TableExistsAsync(id, cancellationToken))
        {
            throw new AlreadyExistsException($"Table '{id}' already exists.");
        }

        // Read before inserting the row: a pointer to a missing or broken file would make the name unusable.
        var metadata = await ReadMetadataAsync(IO, metadataLocation, cancellationToken);
        await Store.CreateTableAsync(id, metadataLocation, cancellationToken);
        _logger.LogInformation("Registered table {Table} at {MetadataLocation}", id, metadataLocation);
        var table = new Table(this, id, metadata, metadataLocation);
        await NotifyAsync(table, cancellationToken);
        return table;
    }

    /// <summary>Loads the table's current metadata. Throws <see cref="NoSuchTableException"/>.</summary>
    public async Task<Table> LoadTableAsync(TableIdentifier id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var location = await Store.GetMetadataLocationAsync(id, cancellationToken)
            ?? throw new NoSuchTableException($"Table '{id}' does not exist.");
        var metadata = await ReadMetadataAsync(IO, location, cancellationToken);
        return new Table(this, id, metadata, location);
    }

    /// <summary>Reads a metadata file from any location (a table written elsewhere). Errors name the file.</summary>
    public static async Task<TableMetadata> ReadMetadataAsync(IFileIO io, string metadataLocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        byte[] bytes;
        try
        {
            bytes = await io.ReadAllBytesAsync(metadataLocation, cancellationToken);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidDataException($"Metadata file '{metadataLocation}' does not exist.", e);
        }

        try
        {
            return TableMetadataParser.FromJson(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Metadata file '{metadataLocation}' is not valid Iceberg table metadata: {e.Message}", e);
        }
    }

    /// <summary>Drops the table from the catalog; with <paramref name="purge"/>, also deletes every file its metadata references.</summary>
    public async Task DropTableAsync(TableIdentifier id, bool purge = false, CancellationToken cancellationToken = default)
    {
        var table = purge ? await LoadTableAsync(id, cancellationToken) : null;
        await Store.DropTableAsync(id, cancellationToken);
        if (table is not null)
        {
            await TablePurge.DeleteAllFilesAsync(table, cancellationToken);
        }

        _logger.LogInformation("Dropped table {Table} (purge: {Purge})", id, purge);
    }

    public Task RenameTableAsync(TableIdentifier from, TableIdentifier to, CancellationToken cancellationToken = default) =>
        Store.RenameTableAsync(from, to, cancellationToken);

    /// <summary>
    /// Runs the optimistic commit loop: load the current metadata, apply the change to it, write a new metadata file,
    /// compare-and-swap the catalog pointer; on a lost race, remove the attempt's files, back off and try again.
    /// A <see cref="CommitFailedException"/> thrown by <paramref name="apply"/> (its requirements no longer hold) stops the loop.
    /// </summary>
    public async Task<Table> CommitAsync(
        TableIdentifier id,
        Func<Table, int, CancellationToken, Task<PendingCommit>> apply,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        var backoff = Options.CommitMinBackoff;
        for (var attempt = 0; ; attempt++)
        {
            var current = await LoadTableAsync(id, cancellationToken);
            var pending = await apply(current, attempt, cancellationToken);
            var version = (TableLocations.VersionOf(current.MetadataLocation) ?? current.Metadata.MetadataLog.Count) + 1;
            var newMetadata = TableMetadataBuilder.WithPreviousMetadata(pending.Metadata, current.MetadataLocation, current.Metadata.LastUpdatedMs);
            var newLocation = TableLocations.MetadataFile(newMetadata.Location, version);
            await IO.WriteAllBytesAsync(newLocation, TableMetadataParser.ToUtf8Json(newMetadata), cancellationToken);

            bool swapped;
            try
            {
                swapped = await Store.CompareAndSwapAsync(id, current.MetadataLocation, newLocation, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The outcome is unknown (e.g. the database went away mid-update): keep the files, they may be live.
                throw new CommitStateUnknownException($"The commit to '{id}' may or may not have succeeded: {e.Message}", e);
            }

            if (swapped)
            {
                _logger.LogDebug("Committed {Table} version {Version} after {Attempts} attempt(s)", id, version, attempt + 1);
                var committed = new Table(this, id, newMetadata, newLocation);
                await NotifyAsync(committed, cancellationToken);
                return committed;
            }

            await DeleteQuietlyAsync([newLocation, .. pending.AttemptFiles]);
            if (attempt >= Options.CommitRetries)
            {
                throw new CommitFailedException($"Gave up committing to '{id}' after {attempt + 1} attempts: other writers kept winning the race.");
            }

            _logger.LogDebug("Commit to {Table} lost the race (attempt {Attempt}); retrying", id, attempt + 1);
            var jittered = TimeSpan.FromTicks((long)(backoff.Ticks * (0.5 + Random.Shared.NextDouble())));
            await Task.Delay(jittered, Time, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, Options.CommitMaxBackoff.Ticks));
        }
    }

    internal long NowMs() => Time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task NotifyAsync(Table table, CancellationToken cancellationToken)
    {
        foreach (var observer in Options.CommitObservers)
        {
            try
            {
                await observer.OnCommittedAsync(table.Identifier, table.MetadataLocation, table.Metadata, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The commit is durable: cancelling now only skips the remaining hints. Throwing would tell the caller
                // that the commit did not happen, and a caller that then deletes its files would corrupt the table.
                _logger.LogDebug("Commit observers for {Table} skipped: the commit's caller cancelled", table.Identifier);
                return;
            }
            catch (Exception e)
            {
                // Observers are hints (the commit is already durable); pollers reconcile what a failed notification missed.
                _logger.LogWarning(e, "Commit observer {Observer} failed for {Table}", observer.GetType().Name, table.Identifier);
            }
        }
    }

    private async Task DeleteQuietlyAsync(IEnumerable<string> locations)
    {
        foreach (var location in locations)
        {
            try
            {
                await IO.DeleteAsync(location, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Amazon.Runtime.AmazonClientException)
            {
                // An orphan file is harmless (nothing references it); leaving it beats failing the caller.
                _logger.LogDebug(e, "Could not remove orphan file {Location}", location);
            }
        }
    }
}
