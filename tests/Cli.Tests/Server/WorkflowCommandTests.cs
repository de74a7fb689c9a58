namespace OrleansMaestro.Cli.Tests.Server;

public sealed class WorkflowCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Noop(string id) => $$"""{ "id": "{{id}}", "steps": [{ "type": "noop", "id": "one" }] }""";

    private static string Reads(string id, string table) => $$"""
        { "id": "{{id}}", "triggers": [{ "type": "table", "tables": ["{{table}}"] }], "steps": [{ "type": "noop", "id": "one" }] }
        """;

    private static string Writes(string id, string table) => $$"""
        { "id": "{{id}}", "steps": [{ "type": "sql", "id": "w", "inputs": [{ "table": "raw.events" }], "query": "SELECT 1", "target": "{{table}}" }] }
        """;

    [Fact]
    public async Task Apply_of_a_folder_applies_writers_before_readers_and_prints_id_and_version_per_file()
    {
        _cli.Write("defs/a-reader.json", Reads("reader", "agg.daily"));
        _cli.Write("defs/b-writer.json", Writes("writer", "agg.daily"));
        _cli.Write("defs/c-other.json", Noop("other"));
        _cli.Write("defs/notes.txt", "not a definition");
        var result = await _cli.RunAsync("workflow", "apply", "-f", "defs", "--output", "table");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["writer", "reader", "other"], _cli.Client.Applied.Select(d => d.Id));
        Assert.Contains($"defs{Path.DirectorySeparatorChar}b-writer.json: workflow writer version 1", result.Out, StringComparison.Ordinal);
        Assert.Contains("workflow other version 1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_with_one_invalid_file_applies_nothing_and_names_file_and_field()
    {
        _cli.Write("defs/good.json", Noop("good"));
        _cli.Write("defs/bad.json", """{ "id": "bad", "steps": [{ "type": "noop", "id": "one", "dependsOn": ["nope"] }] }""");
        _cli.Write("defs/broken.json", """{ "id": "broken", "stepz": [] }""");
        var result = await _cli.RunAsync("workflow", "apply", "-f", "defs");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Empty(_cli.Client.Applied);
        Assert.Contains("bad.json: steps[0].dependsOn[0]:", result.Error, StringComparison.Ordinal);
        Assert.Contains("broken.json: stepz", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing applied: 2 of 3 file(s) invalid", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_rejected_by_the_server_says_which_files_were_applied_and_which_not()
    {
        _cli.Write("d/1.json", Noop("one"));
        _cli.Write("d/2.json", Noop("two"));
        _cli.Write("d/3.json", Noop("three"));
        _cli.Client.ApplyFailures["two"] = new Client.MaestroValidationException("invalid", new Dictionary<string, string[]> { ["steps[0].inputs[0].table"] = ["unknown table 'x.y'"] });
        var result = await _cli.RunAsync("workflow", "apply", "-f", "d", "-o", "json");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal(["one"], _cli.Client.Applied.Select(d => d.Id));
        Assert.Contains("2.json: steps[0].inputs[0].table: unknown table 'x.y'", result.Error, StringComparison.Ordinal);
        Assert.Contains($"applied d{Path.DirectorySeparatorChar}1.json; not applied: d{Path.DirectorySeparatorChar}2.json, d{Path.DirectorySeparatorChar}3.json", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"workflowId\":\"one\",\"version\":1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_of_a_missing_path_is_bad_input()
    {
        var result = await _cli.RunAsync("workflow", "apply", "-f", "nowhere.json");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("'nowhere.json' is neither a file nor a folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_checks_locally_and_on_the_server_and_writes_nothing()
    {
        _cli.Write("w.json", Noop("w"));
        _cli.Client.ValidateFailures["w"] = new Client.MaestroValidationException("invalid", new Dictionary<string, string[]> { ["steps[0].id"] = ["taken"] });
        var result = await _cli.RunAsync("workflow", "validate", "-f", "w.json");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("w.json: steps[0].id: taken", result.Error, StringComparison.Ordinal);
        Assert.Empty(_cli.Client.Applied);

        var local = await _cli.RunAsync("workflow", "validate", "-f", "w.json", "--local", "-o", "table");
        Assert.Equal(0, local.ExitCode);
        Assert.Contains("w.json: workflow w is valid", local.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_get_versions_activate_and_delete_call_the_client()
    {
        var list = await _cli.RunAsync("workflow", "list", "-o", "json");
        Assert.Equal(0, list.ExitCode);
        Assert.StartsWith("[{\"id\":\"agg\",\"activeVersion\":2,\"latestVersion\":3,", list.Out, StringComparison.Ordinal);
        Assert.Contains("\"reads\":[\"raw.events\"]", list.Out, StringComparison.Ordinal);

        var get = await _cli.RunAsync("workflow", "get", "agg", "-o", "table");
        Assert.Contains("workflow agg", get.Out, StringComparison.Ordinal);
        Assert.Contains("raw.events", get.Out, StringComparison.Ordinal);

        var version = await _cli.RunAsync("workflow", "get", "agg", "--version", "2", "-o", "table");
        Assert.Contains("\"version\": 2", version.Out, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync("workflow", "versions", "agg")).ExitCode);
        var activate = await _cli.RunAsync("workflow", "activate", "agg", "1", "-o", "table");
        Assert.Contains("version 1 is active", activate.Out, StringComparison.Ordinal);
        var delete = await _cli.RunAsync("workflow", "delete", "agg", "-o", "table");
        Assert.Contains("deleted workflow agg", delete.Out, StringComparison.Ordinal);
        Assert.Equal(["list workflows", "get agg", "version agg 2", "versions agg", "activate agg 1", "delete agg"], _cli.Client.Calls);
    }

    [Fact]
    public async Task Activate_with_a_version_that_is_not_a_number_is_a_usage_error()
    {
        var result = await _cli.RunAsync("workflow", "activate", "agg", "latest");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Empty(_cli.Client.Calls);
    }
}
