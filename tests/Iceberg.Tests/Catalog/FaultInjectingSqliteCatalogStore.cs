using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Iceberg.Tests.Catalog;

/// <summary>
/// A SQLite-backed store whose next statement starting with a given prefix commits and then fails transiently,
/// to check that retried writes find out whether their first attempt landed.
/// </summary>
internal sealed class FaultInjectingSqliteCatalogStore(string filePath)
    : SqlCatalogStore(new SqliteCatalogOptions { FilePath = filePath, CatalogName = "test", RetryBaseDelay = TimeSpan.FromMilliseconds(1) }, null)
{
    private string? _failAfterPrefix;

    /// <summary>The next statement starting with <paramref name="sqlPrefix"/> runs, then throws once.</summary>
    public void FailOnceAfter(string sqlPrefix) => _failAfterPrefix = sqlPrefix;

    public bool FaultPending => _failAfterPrefix is not null;

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return new FaultInjectingConnection(connection, ShouldFail);
    }

    protected override bool IsDuplicateKey(DbException exception) => exception is SqliteException { SqliteErrorCode: 19 };

    protected override bool IsTransient(Exception exception) => exception is TimeoutException;

    private bool ShouldFail(string sql)
    {
        if (_failAfterPrefix is not null && sql.StartsWith(_failAfterPrefix, StringComparison.Ordinal))
        {
            _failAfterPrefix = null;
            return true;
        }

        return false;
    }
}
