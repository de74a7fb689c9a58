using System.Data.Common;
using Npgsql;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Tests.Fixtures;

namespace OrleansMaestro.Iceberg.Tests.Catalog;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCatalogStoreTests(PostgresServerFixture server) : CatalogStoreTests
{
    private string _connectionString = string.Empty;

    protected override async Task CreateDatabaseAsync() => _connectionString = await server.CreateDatabaseAsync();

    protected override SqlCatalogStore CreateStore(string catalogName) =>
        new PostgresCatalogStore(new PostgresCatalogOptions { ConnectionString = _connectionString, CatalogName = catalogName });

    protected override async Task<DbConnection> OpenRawConnectionAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected override async Task<IReadOnlyList<string>> ReadColumnNamesAsync(string table)
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT column_name FROM information_schema.columns " +
                              "WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position";
        command.Parameters.Add(new NpgsqlParameter("table", table));
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    [Fact]
    public async Task The_store_recovers_when_the_server_restarts()
    {
        var table = await CreateTableAsync("s3://w/v1.metadata.json");
        // Warm the pool so the restart leaves dead connections in it, as in a long-running service.
        Assert.Equal("s3://w/v1.metadata.json", await Store.GetMetadataLocationAsync(table));

        await server.RestartAsync();

        Assert.Equal("s3://w/v1.metadata.json", await Store.GetMetadataLocationAsync(table));
        Assert.True(await Store.CompareAndSwapAsync(table, "s3://w/v1.metadata.json", "s3://w/v2.metadata.json"));
        Assert.Equal(("s3://w/v2.metadata.json", "s3://w/v1.metadata.json"), await ReadRowAsync(table));
    }
}
