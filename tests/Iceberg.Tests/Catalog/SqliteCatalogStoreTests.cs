using System.Data.Common;
using Microsoft.Data.Sqlite;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Iceberg.Tests.Catalog;

public sealed class SqliteCatalogStoreTests : CatalogStoreTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("maestro-sqlite-").FullName;

    private string FilePath => Path.Combine(_directory, "catalog.db");

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override SqlCatalogStore CreateStore(string catalogName) =>
        new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = FilePath, CatalogName = catalogName });

    protected override async Task<DbConnection> OpenRawConnectionAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task<IReadOnlyList<string>> ReadColumnNamesAsync(string table)
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info(@table) ORDER BY cid";
        command.Parameters.Add(new SqliteParameter("@table", table));
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    [Fact]
    public async Task The_database_is_in_wal_mode()
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
