using System.Text.Json;

namespace OrleansMaestro.Cli.Tests.EndToEnd;

/// <summary>Runs the real <c>maestro</c> process against a SQLite catalog and a local warehouse in a temp directory.</summary>
public sealed class TableCommandTests : IDisposable
{
    private const string Schema = """
        {"type": "struct", "schema-id": 0, "fields": [
          {"id": 1, "name": "id", "required": true, "type": "long"},
          {"id": 2, "name": "name", "required": false, "type": "string"},
          {"id": 3, "name": "ts", "required": false, "type": "timestamptz"},
          {"id": 4, "name": "price", "required": false, "type": "decimal(9,2)"},
          {"id": 5, "name": "count", "required": false, "type": "int"}
        ]}
        """;

    // Canonical text forms, so that what scan prints is byte-for-byte what went in.
    private const string CsvRows = """
        id,name,ts,price,count
        1,alpha,2024-01-02T03:04:05.000000+00:00,1.50,10
        2,"beta, with comma",2024-01-03T00:00:00.123456+00:00,,20
        3,,,99.99,
        """;

    private const string JsonlRows = """
        {"id": 4, "name": "delta", "ts": "2024-02-01T12:00:00+01:00", "price": 4.25, "count": 40}
        {"id": 5, "name": "epsilon", "count": 50}
        """;

    private static readonly string[] JsonlAsCsv =
    [
        "4,delta,2024-02-01T11:00:00.000000+00:00,4.25,40",
        "5,epsilon,,,50",
    ];

    private readonly TempDirectory _dir = new();
    private readonly MaestroProcess _maestro;

    public TableCommandTests()
    {
        _maestro = new MaestroProcess(_dir.Path);
        _dir.Write("schema.json", Schema);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Create_append_and_read_back_with_snapshots_files_incremental_and_metadata_scans()
    {
        await Ok("table", "create", "db.events", "--schema", "schema.json");
        _dir.Write("first.csv", CsvRows);
        _dir.Write("second.jsonl", JsonlRows);
        await Ok("table", "append", "db.events", "--file", "first.csv");
        await Ok("table", "append", "db.events", "--file", "second.jsonl");

        var csvLines = CsvRows.Split('\n').Skip(1).ToArray();
        var scan = await Ok("table", "scan", "db.events", "--format", "csv");
        Assert.Equal("id,name,ts,price,count", Lines(scan)[0]);
        Assert.Equal(csvLines.Concat(JsonlAsCsv).Order(), Lines(scan).Skip(1).Order());

        var snapshots = Lines(await Ok("table", "snapshots", "db.events", "--format", "csv"));
        Assert.Equal("snapshot_id,parent_id,sequence_number,timestamp,operation,added_records,total_records", snapshots[0]);
        Assert.Equal(3, snapshots.Length);
        var first = snapshots[1].Split(',');
        var second = snapshots[2].Split(',');
        Assert.Equal(first[0], second[1]);
        Assert.Equal(["append", "3", "3"], first[4..]);
        Assert.Equal(["append", "2", "5"], second[4..]);

        var files = Lines(await Ok("table", "files", "db.events", "--format", "csv"));
        Assert.Equal(3, files.Length);
        Assert.Equal(["2", "3"], files.Skip(1).Select(l => l.Split(',')[1]).Order());

        var incremental = await Ok("table", "scan", "db.events", "--from-snapshot", first[0], "--to-snapshot", second[0], "--format", "csv");
        Assert.Equal(JsonlAsCsv.Order(), Lines(incremental).Skip(1).Order());
        var incrementalFiles = Lines(await Ok("table", "files", "db.events", "--from-snapshot", first[0], "--format", "csv"));
        Assert.Equal("2", Assert.Single(incrementalFiles.Skip(1)).Split(',')[1]);

        var asOfFirst = await Ok("table", "scan", "db.events", "--snapshot", first[0], "--format", "csv");
        Assert.Equal(csvLines.Order(), Lines(asOfFirst).Skip(1).Order());

        var filtered = await Ok("table", "scan", "db.events", "--filter", "id > 3 and count >= 50", "--format", "csv");
        Assert.Equal([JsonlAsCsv[1]], Lines(filtered).Skip(1));

        var jsonl = Lines(await Ok("table", "scan", "db.events", "--format", "jsonl"));
        Assert.Equal(5, jsonl.Length);
        Assert.Contains("{\"id\":4,\"name\":\"delta\",\"ts\":\"2024-02-01T11:00:00.000000+00:00\",\"price\":4.25,\"count\":40}", jsonl);

        var fromMetadata = await Ok("table", "scan", "--metadata", LatestMetadataFile("db", "events"), "--format", "csv");
        Assert.Equal(Lines(scan).Order(), Lines(fromMetadata).Order());
    }

    [Fact]
    public async Task Create_then_schema_prints_the_json_and_snapshots_is_empty()
    {
        var created = await Ok("table", "create", "analytics.raw.events", "--schema", "schema.json", "--partition-by", "day(ts),bucket(16,id)");
        Assert.Contains("created table analytics.raw.events", created.Out, StringComparison.Ordinal);

        var schema = await Ok("table", "schema", "analytics.raw.events");
        using var json = JsonDocument.Parse(schema.Out);
        var fields = json.RootElement.GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("name").GetString(), f.GetProperty("type").GetString())).ToArray();
        Assert.Equal([("id", "long"), ("name", "string"), ("ts", "timestamptz"), ("price", "decimal(9,2)"), ("count", "int")], fields);

        Assert.Equal(["snapshot_id,parent_id,sequence_number,timestamp,operation,added_records,total_records"], Lines(await Ok("table", "snapshots", "analytics.raw.events")));

        var metadata = await File.ReadAllTextAsync(LatestMetadataFile("analytics.raw", "events"));
        Assert.Contains("\"ts_day\"", metadata, StringComparison.Ordinal);
        Assert.Contains("\"id_bucket\"", metadata, StringComparison.Ordinal);

        // A table read straight from its metadata file, without the catalog.
        var fromMetadata = await Ok("table", "scan", "--metadata", LatestMetadataFile("analytics.raw", "events"), "--format", "csv");
        Assert.Equal(["id,name,ts,price,count"], Lines(fromMetadata));
        var schemaFromMetadata = await Ok("table", "schema", "--metadata", LatestMetadataFile("analytics.raw", "events"));
        Assert.Equal(schema.Out, schemaFromMetadata.Out);
    }

    [Fact]
    public async Task Settings_come_from_environment_variables()
    {
        _maestro.Environment["MAESTRO_CATALOG"] = Path.Combine(_dir.Path, "elsewhere", "cat.db");
        _maestro.Environment["MAESTRO_WAREHOUSE"] = Path.Combine(_dir.Path, "wh");
        var created = await Ok("table", "create", "db.t", "--schema", "schema.json");
        Assert.Contains(Path.Combine(_dir.Path, "wh", "db.db", "t"), created.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "elsewhere", "cat.db")));
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, ".maestro")));

        // Another catalog name in the same database sees other tables.
        _maestro.Environment["MAESTRO_CATALOG_NAME"] = "other";
        await Fails(ExitCodes.NotFound, "db.t", "table", "schema", "db.t");
    }

    [Fact]
    public async Task Unknown_table_namespace_and_snapshot_are_not_found()
    {
        await Fails(ExitCodes.NotFound, "db.nope", "table", "scan", "db.nope");
        await Fails(ExitCodes.NotFound, "db.nope", "table", "snapshots", "db.nope");
        _dir.Write("d.csv", "id\n1\n");
        await Fails(ExitCodes.NotFound, "db.nope", "table", "append", "db.nope", "--file", "d.csv");
        await Ok("table", "create", "db.t", "--schema", "schema.json");
        await Fails(ExitCodes.NotFound, "12345", "table", "scan", "db.t", "--snapshot", "12345");
        await Fails(ExitCodes.NotFound, "12345", "table", "files", "db.t", "--from-snapshot", "12345");
    }

    [Fact]
    public async Task Creating_an_existing_table_is_a_conflict()
    {
        await Ok("table", "create", "db.t", "--schema", "schema.json");
        await Fails(ExitCodes.Conflict, "already exists", "table", "create", "db.t", "--schema", "schema.json");
    }

    [Fact]
    public async Task Malformed_schema_file_and_bad_partition_spec_are_bad_input()
    {
        _dir.Write("broken.json", "{\"type\": \"struct\", \"fields\": [");
        await Fails(ExitCodes.BadInput, "broken.json", "table", "create", "db.t", "--schema", "broken.json");
        _dir.Write("badtype.json", """{"type": "struct", "fields": [{"id": 1, "name": "x", "required": true, "type": "integer"}]}""");
        await Fails(ExitCodes.BadInput, "integer", "table", "create", "db.t", "--schema", "badtype.json");
        await Fails(ExitCodes.BadInput, "missing.json", "table", "create", "db.t", "--schema", "missing.json");
        await Fails(ExitCodes.BadInput, "name", "table", "create", "db.t", "--schema", "schema.json", "--partition-by", "day(name)");
        await Fails(ExitCodes.NotFound, "db.t", "table", "schema", "db.t");
    }

    [Fact]
    public async Task A_csv_row_with_a_bad_int_names_line_and_column_and_commits_nothing()
    {
        await Ok("table", "create", "db.t", "--schema", "schema.json");
        var before = MetadataFiles("db", "t");
        _dir.Write("bad.csv", "id,name,count\n1,a,10\n2,b,ten\n3,c,30\n");
        var result = await Fails(ExitCodes.BadInput, "bad.csv line 3, column 'count', value 'ten'", "table", "append", "db.t", "--file", "bad.csv");
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);

        _dir.Write("unknown.jsonl", "{\"id\": 1, \"colour\": \"red\"}\n");
        await Fails(ExitCodes.BadInput, "unknown.jsonl line 1, column 'colour'", "table", "append", "db.t", "--file", "unknown.jsonl");
        _dir.Write("missing.csv", "name\na\n");
        await Fails(ExitCodes.BadInput, "'id'", "table", "append", "db.t", "--file", "missing.csv");
        await Fails(ExitCodes.BadInput, "nofile.csv", "table", "append", "db.t", "--file", "nofile.csv");
        _dir.Write("data.xml", "<x/>");
        await Fails(ExitCodes.BadInput, ".xml", "table", "append", "db.t", "--file", "data.xml");

        Assert.Equal(before, MetadataFiles("db", "t"));
        Assert.Single(Lines(await Ok("table", "snapshots", "db.t")));
        Assert.False(Directory.Exists(Path.Combine(TableFolder("db", "t"), "data")));
    }

    [Fact]
    public async Task Corrupt_or_missing_metadata_files_and_bad_filters_are_reported()
    {
        var corrupt = _dir.Write("00001-x.metadata.json", "{\"format-version\": 2, \"oops\": ");
        await Fails(ExitCodes.BadInput, "00001-x.metadata.json", "table", "scan", "--metadata", corrupt);
        await Fails(ExitCodes.NotFound, "gone.metadata.json", "table", "scan", "--metadata", "gone.metadata.json");

        await Ok("table", "create", "db.t", "--schema", "schema.json");
        await Fails(ExitCodes.BadInput, "nosuch", "table", "scan", "db.t", "--filter", "nosuch > 1");
        await Fails(ExitCodes.BadInput, "Filter error", "table", "scan", "db.t", "--filter", "id >");
        await Fails(ExitCodes.BadInput, "both", "table", "scan", "db.t", "--metadata", corrupt);
        await Fails(ExitCodes.BadInput, "--format", "table", "scan", "db.t", "--format", "xml");
    }

    [Fact]
    public async Task Usage_errors_exit_with_bad_input()
    {
        await Fails(ExitCodes.BadInput, "error:", "table", "frobnicate");
        await Fails(ExitCodes.BadInput, "--schema", "table", "create", "db.t");
        await Fails(ExitCodes.BadInput, "not a table name", "table", "create", "justaname", "--schema", "schema.json");
        var help = await _maestro.RunAsync("table", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("append", help.Out, StringComparison.Ordinal);
    }

    private async Task<MaestroResult> Ok(params string[] args)
    {
        var result = await _maestro.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"maestro {string.Join(' ', args)} failed: {result}");
        return result;
    }

    private async Task<MaestroResult> Fails(int exitCode, string messagePart, params string[] args)
    {
        var result = await _maestro.RunAsync(args);
        Assert.True(result.ExitCode == exitCode, $"maestro {string.Join(' ', args)}: expected exit {exitCode}, got {result}");
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(messagePart, result.Error, StringComparison.Ordinal);
        return result;
    }

    private static string[] Lines(MaestroResult result) => result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private string TableFolder(string ns, string table) => Path.Combine(_dir.Path, ".maestro", "warehouse", $"{ns}.db", table);

    private string[] MetadataFiles(string ns, string table) =>
        Directory.GetFiles(Path.Combine(TableFolder(ns, table), "metadata"), "*.metadata.json").Order(StringComparer.Ordinal).ToArray();

    private string LatestMetadataFile(string ns, string table) => MetadataFiles(ns, table)[^1];
}
