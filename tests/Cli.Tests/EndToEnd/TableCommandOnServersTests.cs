using Npgsql;
using OrleansMaestro.Cli.Tests.Fixtures;

namespace OrleansMaestro.Cli.Tests.EndToEnd;

/// <summary>
/// The real <c>maestro</c> process with its catalog on a real PostgreSQL server and its warehouse on a real S3-compatible
/// server (s3rver), both started by the tests, configured through the environment as an operator would.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TableCommandOnServersTests : IClassFixture<S3ServerFixture>, IDisposable
{
    private const string Schema = """
        {"type": "struct", "schema-id": 0, "fields": [
          {"id": 1, "name": "id", "required": true, "type": "long"},
          {"id": 2, "name": "city", "required": false, "type": "string"},
          {"id": 3, "name": "day", "required": false, "type": "date"}
        ]}
        """;

    private readonly PostgresServerFixture _postgres;
    private readonly S3ServerFixture _s3;
    private readonly TempDirectory _dir = new();
    private readonly MaestroProcess _maestro;

    public TableCommandOnServersTests(PostgresServerFixture postgres, S3ServerFixture s3)
    {
        _postgres = postgres;
        _s3 = s3;
        _maestro = new MaestroProcess(_dir.Path);
        _dir.Write("schema.json", Schema);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Tables_live_in_postgresql_and_on_s3_and_icebird_reads_what_the_cli_wrote()
    {
        var connectionString = await _postgres.CreateDatabaseAsync();
        var warehouse = _s3.Location($"cli-{Guid.NewGuid():N}");
        _maestro.Environment["MAESTRO_CATALOG"] = connectionString;
        _maestro.Environment["MAESTRO_WAREHOUSE"] = warehouse;
        _maestro.Environment["MAESTRO_S3_ENDPOINT"] = _s3.ServiceUrl;
        _maestro.Environment["MAESTRO_S3_ACCESS_KEY"] = S3ServerFixture.AccessKey;
        _maestro.Environment["MAESTRO_S3_SECRET_KEY"] = S3ServerFixture.SecretKey;
        _maestro.Environment["MAESTRO_S3_CHUNK_ENCODING"] = "false";

        var created = await Ok("table", "create", "shop.visits", "--schema", "schema.json", "--partition-by", "city");
        Assert.Contains($"{warehouse}/shop.db/visits", created.Out, StringComparison.Ordinal);
        _dir.Write("a.csv", "id,city,day\n1,Oslo,2024-05-01\n2,Rome,2024-05-02\n3,Oslo,\n");
        _dir.Write("b.jsonl", "{\"id\": 4, \"city\": \"Lima\", \"day\": \"2024-06-01\"}\n");
        await Ok("table", "append", "shop.visits", "--file", "a.csv");
        var afterFirst = await MetadataLocationAsync(connectionString, "visits");
        await Ok("table", "append", "shop.visits", "--file", "b.jsonl");

        // A bad row fails the append and leaves the table (pointer and data) as it was.
        _dir.Write("bad.csv", "id,city,day\n5,Oslo,2024-13-01\n");
        var bad = await _maestro.RunAsync("table", "append", "shop.visits", "--file", "bad.csv");
        Assert.Equal(ExitCodes.BadInput, bad.ExitCode);
        Assert.Contains("bad.csv line 2, column 'day'", bad.Error, StringComparison.Ordinal);

        var metadata = await MetadataLocationAsync(connectionString, "visits");
        Assert.StartsWith(warehouse, metadata, StringComparison.Ordinal);
        Assert.Equal(["1,Oslo,2024-05-01", "2,Rome,2024-05-02", "3,Oslo,", "4,Lima,2024-06-01"], Rows(await Ok("table", "scan", "shop.visits", "--format", "csv")));
        Assert.Equal(3, Lines(await Ok("table", "snapshots", "shop.visits", "--format", "csv")).Length);
        var oneFile = Rows(await Ok("table", "scan", "shop.visits", "--from-snapshot", SnapshotIdOf(await Ok("table", "snapshots", "shop.visits", "--format", "csv"), 0), "--format", "csv"));
        Assert.Equal(["4,Lima,2024-06-01"], oneFile);

        // Straight from the metadata file on S3, and read by an independent implementation.
        Assert.Equal(["1,Oslo,2024-05-01", "2,Rome,2024-05-02", "3,Oslo,"], Rows(await Ok("table", "scan", "--metadata", afterFirst, "--format", "csv")));
        var icebird = await IcebirdReader.ReadAsync(metadata, _s3.ServiceUrl);
        Assert.Equal(["1 Oslo", "2 Rome", "3 Oslo", "4 Lima"], icebird.Select(r => $"{r["id"]!["$bigint"]} {r["city"]}").Order());
    }

    private static async Task<string> MetadataLocationAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT metadata_location FROM iceberg_tables WHERE table_name = @t", connection);
        command.Parameters.AddWithValue("t", table);
        return (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"{table} is not in iceberg_tables");
    }

    private async Task<MaestroResult> Ok(params string[] args)
    {
        var result = await _maestro.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"maestro {string.Join(' ', args)} failed: {result}");
        return result;
    }

    private static string[] Lines(MaestroResult result) => result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string[] Rows(MaestroResult csv) => Lines(csv).Skip(1).Order(StringComparer.Ordinal).ToArray();

    private static string SnapshotIdOf(MaestroResult snapshotsCsv, int index) => Lines(snapshotsCsv)[index + 1].Split(',')[0];
}
