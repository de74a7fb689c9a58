using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>
/// SQL catalog in a SQLite file. WAL mode lets readers run during a write, and a busy timeout makes concurrent
/// writers (threads or processes) queue for the write lock instead of failing with SQLITE_BUSY.
/// </summary>
public sealed class SqliteCatalogStore : SqlCatalogStore
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    public SqliteCatalogStore(SqliteCatalogOptions options, ILogger<SqliteCatalogStore>? logger = null)
        : base(options, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FilePath);
        _busyTimeoutMs = (int)Math.Clamp(options.BusyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(options.FilePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite also retries SQLITE_BUSY itself until the command timeout; keep both aligned.
            DefaultTimeout = Math.Max(1, _busyTimeoutMs / 1000),
        }.ToString();
    }

    // journal_mode=WAL is persistent in the file, so setting it once at initialization covers every later connection.
    protected override IEnumerable<string> InitializationStatements => ["PRAGMA journal_mode=WAL"];

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            // busy_timeout is per connection; set it on every open since the pool may hand out fresh connections.
            pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMs}");
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override bool IsDuplicateKey(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint };

    protected override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    protected override ValueTask DisposeAsyncCore()
    {
        // Release pooled handles so the file can be moved or deleted once the store is gone.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
