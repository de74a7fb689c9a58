using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>SQL catalog in PostgreSQL, through an <see cref="NpgsqlDataSource"/> (connection pool).</summary>
public sealed class PostgresCatalogStore : SqlCatalogStore
{
    private const string UniqueViolation = "23505";

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    public PostgresCatalogStore(PostgresCatalogOptions options, ILogger<PostgresCatalogStore>? logger = null)
        : base(options, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        _ownsDataSource = true;
    }

    /// <summary>Uses a data source owned by the caller (e.g. from dependency injection); it is not disposed with the store.</summary>
    public PostgresCatalogStore(NpgsqlDataSource dataSource, SqlCatalogOptions options, ILogger<PostgresCatalogStore>? logger = null)
        : base(options, logger)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override bool IsDuplicateKey(DbException exception) =>
        exception is PostgresException { SqlState: UniqueViolation };

    protected override bool IsTransient(Exception exception) => exception switch
    {
        // 57P01 admin_shutdown (server stopping/restarting), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up),
        // 08xxx connection exceptions. Npgsql's IsTransient covers most of these but not every restart phase.
        PostgresException pg => pg.IsTransient || pg.SqlState is "57P01" or "57P02" or "57P03" || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException,
        IOException or SocketException => true,
        _ => false,
    };

    protected override void OnTransientFailure(Exception exception)
    {
        // After a server restart every idle pooled connection is dead; drop them all rather than failing on each in turn.
        _dataSource.Clear();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
