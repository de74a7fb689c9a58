using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>
/// <see cref="ICatalogStore"/> over ADO.NET with the schema of Iceberg's JDBC catalog (V1, with <c>iceberg_type</c>)
/// and PyIceberg's SQL catalog, so Spark, Trino, PyIceberg and this library can share one database.
/// Dialect subclasses only open connections and classify provider errors.
/// </summary>
/// <remarks>
/// Every operation runs in a retry loop for transient failures. Because a failure can be ambiguous (the statement may
/// have committed before the connection dropped), each write is written so that a retry first finds out whether the
/// earlier attempt landed, instead of reporting a false conflict.
/// </remarks>
public abstract class SqlCatalogStore : ICatalogStore, IAsyncDisposable
{
    // Exactly the JDBC catalog's DDL (JdbcUtil.CREATE_CATALOG_TABLE + the V1 iceberg_type column, which PyIceberg ignores),
    // with IF NOT EXISTS so initialization is idempotent and safe to race.
    private const string CreateTablesTableSql =
        "CREATE TABLE IF NOT EXISTS iceberg_tables (" +
        "catalog_name VARCHAR(255) NOT NULL, " +
        "table_namespace VARCHAR(255) NOT NULL, " +
        "table_name VARCHAR(255) NOT NULL, " +
        "metadata_location VARCHAR(1000), " +
        "previous_metadata_location VARCHAR(1000), " +
        "iceberg_type VARCHAR(5), " +
        "PRIMARY KEY (catalog_name, table_namespace, table_name))";

    private const string CreateNamespacePropertiesTableSql =
        "CREATE TABLE IF NOT EXISTS iceberg_namespace_properties (" +
        "catalog_name VARCHAR(255) NOT NULL, " +
        "namespace VARCHAR(255) NOT NULL, " +
        "property_key VARCHAR(255), " +
        "property_value VARCHAR(1000), " +
        "PRIMARY KEY (catalog_name, namespace, property_key))";

    // Rows written by the JDBC catalog before V1 have a NULL type; views share the table but are not ours to touch.
    private const string IsTable = "(iceberg_type = 'TABLE' OR iceberg_type IS NULL)";

    private const string TableKey = "catalog_name = @catalog AND table_namespace = @ns AND table_name = @name";

    /// <summary>The property the JDBC catalog writes so that an empty namespace still has a row.</summary>
    public const string ExistsProperty = "exists";

    private readonly SqlCatalogOptions _options;

    protected SqlCatalogStore(SqlCatalogOptions options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.CatalogName);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        _options = options;
        Logger = logger ?? NullLogger.Instance;
    }

    public string CatalogName => _options.CatalogName;

    protected ILogger Logger { get; }

    /// <summary>Opens a ready-to-use connection (dialect settings applied).</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>True when the error is a primary-key / unique violation.</summary>
    protected abstract bool IsDuplicateKey(DbException exception);

    /// <summary>True when retrying the operation may succeed (connection lost, server restarting, database busy).</summary>
    protected abstract bool IsTransient(Exception exception);

    /// <summary>Called after a transient failure, before the retry; e.g. to drop pooled connections to a restarted server.</summary>
    protected virtual void OnTransientFailure(Exception exception)
    {
    }

    /// <summary>Dialect statements run once before the DDL (e.g. SQLite's WAL mode).</summary>
    protected virtual IEnumerable<string> InitializationStatements => [];

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        RunAsync<bool>(nameof(InitializeAsync), async (connection, _, ct) =>
        {
            foreach (var sql in InitializationStatements.Concat([CreateTablesTableSql, CreateNamespacePropertiesTableSql]))
            {
                try
                {
                    await using var command = CreateCommand(connection, null, sql);
                    await command.ExecuteNonQueryAsync(ct);
                }
                catch (DbException e) when (IsDuplicateKey(e))
                {
                    // PostgreSQL's CREATE TABLE IF NOT EXISTS is not atomic: two racing creators can collide on the
                    // catalog's own unique index. The other one created the table, which is all we wanted.
                }
            }

            await AddIcebergTypeColumnIfMissingAsync(connection, ct);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<Namespace>> ListNamespacesAsync(CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<Namespace>>(nameof(ListNamespacesAsync), async (connection, _, ct) =>
        {
            await using var command = CreateCommand(connection, null,
                "SELECT table_namespace FROM iceberg_tables WHERE catalog_name = @catalog " +
                "UNION SELECT namespace FROM iceberg_namespace_properties WHERE catalog_name = @catalog",
                ("@catalog", CatalogName));
            var result = new List<Namespace>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                result.Add(Namespace.Parse(reader.GetString(0)));
            }

            // Ordinal order so the listing is stable across dialects (their collations differ).
            result.Sort((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
            return result;
        }, cancellationToken);

    public Task<bool> NamespaceExistsAsync(Namespace ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return RunAsync(nameof(NamespaceExistsAsync), (connection, _, ct) => NamespaceExistsAsync(connection, null, ns, ct), cancellationToken);
    }

    public Task CreateNamespaceAsync(Namespace ns, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(properties);

        // The JDBC catalog writes exists=true so that a namespace without properties or tables still has a row.
        var rows = new Dictionary<string, string>(StringComparer.Ordinal) { [ExistsProperty] = "true" };
        foreach (var (key, value) in properties)
        {
            rows[key] = value;
        }

        return RunAsync<bool>(nameof(CreateNamespaceAsync), async (connection, isRetry, ct) =>
        {
            if (await TryInsertNamespaceAsync(connection, ns, rows, ct))
            {
                return true;
            }

            // An earlier attempt may have committed before its connection dropped: if the stored properties are
            // exactly ours, that namespace is the one we created.
            if (isRetry)
            {
                var stored = await LoadPropertiesAsync(connection, ns, ct);
                if (stored.Count == rows.Count && rows.All(r => stored.TryGetValue(r.Key, out var v) && v == r.Value))
                {
                    return true;
                }
            }

            throw new AlreadyExistsException($"Namespace '{ns}' already exists.");
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, string>> LoadNamespacePropertiesAsync(Namespace ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return RunAsync<IReadOnlyDictionary<string, string>>(nameof(LoadNamespacePropertiesAsync), async (connection, _, ct) =>
        {
            var properties = await LoadPropertiesAsync(connection, ns, ct);
            if (properties.Count == 0 && !await NamespaceExistsAsync(connection, null, ns, ct))
            {
                throw new NoSuchNamespaceException($"Namespace '{ns}' does not exist.");
            }

            return properties;
        }, cancellationToken);
    }

    public Task DropNamespaceAsync(Namespace ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return RunAsync<bool>(nameof(DropNamespaceAsync), async (connection, isRetry, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var tables = CreateCommand(connection, transaction,
                "SELECT 1 FROM iceberg_tables WHERE catalog_name = @catalog AND table_namespace = @ns LIMIT 1",
                ("@catalog", CatalogName), ("@ns", ns.ToString())))
            {
                if (await tables.ExecuteScalarAsync(ct) is not null)
                {
                    throw new NamespaceNotEmptyException($"Namespace '{ns}' is not empty: drop its tables first.");
                }
            }

            await using var delete = CreateCommand(connection, transaction,
                "DELETE FROM iceberg_namespace_properties WHERE catalog_name = @catalog AND namespace = @ns",
                ("@catalog", CatalogName), ("@ns", ns.ToString()));
            var deleted = await delete.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);

            // On a retry, nothing left to delete most likely means our earlier attempt did it.
            if (deleted == 0 && !isRetry)
            {
                throw new NoSuchNamespaceException($"Namespace '{ns}' does not exist.");
            }

            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TableIdentifier>> ListTablesAsync(Namespace ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return RunAsync<IReadOnlyList<TableIdentifier>>(nameof(ListTablesAsync), async (connection, _, ct) =>
        {
            var result = new List<TableIdentifier>();
            await using (var command = CreateCommand(connection, null,
                $"SELECT table_name FROM iceberg_tables WHERE catalog_name = @catalog AND table_namespace = @ns AND {IsTable}",
                ("@catalog", CatalogName), ("@ns", ns.ToString())))
            {
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    result.Add(new TableIdentifier(ns, reader.GetString(0)));
                }
            }

            if (result.Count == 0 && !await NamespaceExistsAsync(connection, null, ns, ct))
            {
                throw new NoSuchNamespaceException($"Namespace '{ns}' does not exist.");
            }

            result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return result;
        }, cancellationToken);
    }

    public Task<string?> GetMetadataLocationAsync(TableIdentifier table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return RunAsync(nameof(GetMetadataLocationAsync),
            async (connection, _, ct) => (await ReadLocationsAsync(connection, table, ct))?.Current, cancellationToken);
    }

    public Task CreateTableAsync(TableIdentifier table, string metadataLocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(metadataLocation);
        return RunAsync<bool>(nameof(CreateTableAsync), async (connection, isRetry, ct) =>
        {
            if (!await NamespaceExistsAsync(connection, null, table.Namespace, ct))
            {
                throw new NoSuchNamespaceException($"Cannot create table '{table}': namespace '{table.Namespace}' does not exist.");
            }

            try
            {
                await using var insert = CreateCommand(connection, null,
                    "INSERT INTO iceberg_tables (catalog_name, table_namespace, table_name, metadata_location, previous_metadata_location, iceberg_type) " +
                    "VALUES (@catalog, @ns, @name, @location, NULL, 'TABLE')",
                    TableParameters(table, ("@location", metadataLocation)));
                await insert.ExecuteNonQueryAsync(ct);
                return true;
            }
            catch (DbException e) when (IsDuplicateKey(e))
            {
                // Metadata file names are unique, so a row pointing at our file after an ambiguous failure is our own insert.
                if (isRetry && (await ReadLocationsAsync(connection, table, ct))?.Current == metadataLocation)
                {
                    return true;
                }

                throw new AlreadyExistsException($"Table '{table}' already exists.");
            }
        }, cancellationToken);
    }

    public Task<bool> CompareAndSwapAsync(TableIdentifier table, string expectedMetadataLocation, string newMetadataLocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedMetadataLocation);
        ArgumentException.ThrowIfNullOrWhiteSpace(newMetadataLocation);
        return RunAsync(nameof(CompareAndSwapAsync), async (connection, isRetry, ct) =>
        {
            if (isRetry)
            {
                // The previous attempt failed ambiguously: its UPDATE may have committed. Find out before swapping again,
                // otherwise a landed commit would be reported as lost and the caller would commit its change twice.
                var locations = await ReadLocationsAsync(connection, table, ct)
                    ?? throw new NoSuchTableException($"Table '{table}' does not exist.");
                if (locations.Current == newMetadataLocation || locations.Previous == newMetadataLocation)
                {
                    // Previous == new: ours landed and another writer has already committed on top of it.
                    return true;
                }

                if (locations.Current != expectedMetadataLocation)
                {
                    return false;
                }
            }

            // The JDBC catalog's DO_COMMIT_SQL: the WHERE on metadata_location makes it a compare-and-swap.
            await using (var update = CreateCommand(connection, null,
                $"UPDATE iceberg_tables SET metadata_location = @new, previous_metadata_location = @old WHERE {TableKey} AND metadata_location = @old",
                TableParameters(table, ("@new", newMetadataLocation), ("@old", expectedMetadataLocation))))
            {
                if (await update.ExecuteNonQueryAsync(ct) == 1)
                {
                    return true;
                }
            }

            // Zero rows: either another writer won the race or there is no such table. Only the latter is an error.
            if (await ReadLocationsAsync(connection, table, ct) is null)
            {
                throw new NoSuchTableException($"Table '{table}' does not exist.");
            }

            return false;
        }, cancellationToken);
    }

    public Task DropTableAsync(TableIdentifier table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return RunAsync<bool>(nameof(DropTableAsync), async (connection, isRetry, ct) =>
        {
            await using var delete = CreateCommand(connection, null,
                $"DELETE FROM iceberg_tables WHERE {TableKey} AND {IsTable}", TableParameters(table));
            if (await delete.ExecuteNonQueryAsync(ct) == 0 && !isRetry)
            {
                throw new NoSuchTableException($"Table '{table}' does not exist.");
            }

            return true;
        }, cancellationToken);
    }

    public Task RenameTableAsync(TableIdentifier from, TableIdentifier to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return RunAsync<bool>(nameof(RenameTableAsync), async (connection, isRetry, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (!await NamespaceExistsAsync(connection, transaction, to.Namespace, ct))
            {
                throw new NoSuchNamespaceException($"Cannot rename '{from}' to '{to}': namespace '{to.Namespace}' does not exist.");
            }

            int updated;
            try
            {
                await using var update = CreateCommand(connection, transaction,
                    $"UPDATE iceberg_tables SET table_namespace = @to_ns, table_name = @to_name WHERE {TableKey} AND {IsTable}",
                    TableParameters(from, ("@to_ns", to.Namespace.ToString()), ("@to_name", to.Name)));
                updated = await update.ExecuteNonQueryAsync(ct);
            }
            catch (DbException e) when (IsDuplicateKey(e))
            {
                throw new AlreadyExistsException($"Cannot rename '{from}' to '{to}': table '{to}' already exists.");
            }

            await transaction.CommitAsync(ct);
            if (updated == 0)
            {
                // On a retry, a missing source with an existing target is most likely our own earlier rename.
                if (isRetry && await ReadLocationsAsync(connection, to, ct) is not null)
                {
                    return true;
                }

                throw new NoSuchTableException($"Cannot rename '{from}': table does not exist.");
            }

            return true;
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;

    private async Task<T> RunAsync<T>(string operation, Func<DbConnection, bool, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = await OpenConnectionAsync(cancellationToken);
                return await work(connection, attempt > 0, cancellationToken);
            }
            catch (Exception e) when (attempt < _options.MaxRetries && !cancellationToken.IsCancellationRequested && e is not CatalogException && IsTransient(e))
            {
                OnTransientFailure(e);
                var delay = RetryDelay(attempt);
                Logger.LogWarning(e, "Catalog {Catalog}: {Operation} failed transiently (attempt {Attempt}); retrying in {Delay} ms",
                    CatalogName, operation, attempt + 1, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    private TimeSpan RetryDelay(int attempt)
    {
        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        var capped = Math.Min(exponential, _options.RetryMaxDelay.TotalMilliseconds);
        // Jitter so that writers that failed together do not retry in lockstep.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    /// <summary>Inserts the namespace's rows in one transaction; false when the namespace already exists.</summary>
    private async Task<bool> TryInsertNamespaceAsync(DbConnection connection, Namespace ns, Dictionary<string, string> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await NamespaceExistsAsync(connection, transaction, ns, cancellationToken))
        {
            return false;
        }

        try
        {
            foreach (var (key, value) in rows)
            {
                await using var insert = CreateCommand(connection, transaction,
                    "INSERT INTO iceberg_namespace_properties (catalog_name, namespace, property_key, property_value) " +
                    "VALUES (@catalog, @ns, @key, @value)",
                    ("@catalog", CatalogName), ("@ns", ns.ToString()), ("@key", key), ("@value", value));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (DbException e) when (IsDuplicateKey(e))
        {
            // A concurrent creator got there between our check and our insert.
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Databases created by the JDBC catalog before its V1 schema (and by PyIceberg) have no iceberg_type column; add it,
    /// nullable, as the JDBC catalog's own migration does. NULL rows keep meaning "table" for every engine.
    /// </summary>
    private static async Task AddIcebergTypeColumnIfMissingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = CreateCommand(connection, null, "SELECT iceberg_type FROM iceberg_tables WHERE 1 = 0");
            await probe.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException)
        {
            // Outside a transaction, so the failed probe does not poison the PostgreSQL session.
            await using var alter = CreateCommand(connection, null, "ALTER TABLE iceberg_tables ADD COLUMN iceberg_type VARCHAR(5)");
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task<bool> NamespaceExistsAsync(DbConnection connection, DbTransaction? transaction, Namespace ns, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction,
            "SELECT 1 FROM iceberg_namespace_properties WHERE catalog_name = @catalog AND namespace = @ns " +
            "UNION ALL SELECT 1 FROM iceberg_tables WHERE catalog_name = @catalog AND table_namespace = @ns LIMIT 1",
            ("@catalog", CatalogName), ("@ns", ns.ToString()));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private async Task<Dictionary<string, string>> LoadPropertiesAsync(DbConnection connection, Namespace ns, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, null,
            "SELECT property_key, property_value FROM iceberg_namespace_properties WHERE catalog_name = @catalog AND namespace = @ns",
            ("@catalog", CatalogName), ("@ns", ns.ToString()));
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Both columns are nullable in the JDBC schema; other engines may have written NULLs.
            if (!reader.IsDBNull(0))
            {
                properties[reader.GetString(0)] = reader.IsDBNull(1) ? string.Empty : reader.GetString(1);
            }
        }

        return properties;
    }

    private async Task<(string? Current, string? Previous)?> ReadLocationsAsync(DbConnection connection, TableIdentifier table, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, null,
            $"SELECT metadata_location, previous_metadata_location FROM iceberg_tables WHERE {TableKey} AND {IsTable}",
            TableParameters(table));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private (string Name, object? Value)[] TableParameters(TableIdentifier table, params (string Name, object? Value)[] extra) =>
        [("@catalog", CatalogName), ("@ns", table.Namespace.ToString()), ("@name", table.Name), .. extra];

    private static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
