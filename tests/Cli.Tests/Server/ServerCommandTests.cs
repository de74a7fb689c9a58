using OrleansMaestro.Client;

namespace OrleansMaestro.Cli.Tests.Server;

/// <summary>Settings, error mapping and the table/signal server commands.</summary>
public sealed class ServerCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<Exception, int> Failures => new()
    {
        { new MaestroNotFoundException("workflow 'x' does not exist"), ExitCodes.NotFound },
        { new MaestroValidationException("bad", new Dictionary<string, string[]> { ["limit"] = ["too big"] }), ExitCodes.BadInput },
        { new MaestroConflictException("superseded"), ExitCodes.Conflict },
        { new MaestroUnauthorizedException("no key"), ExitCodes.Unauthorized },
        { new MaestroForbiddenException("read-only"), ExitCodes.Forbidden },
        { new MaestroUnavailableException("not reachable"), ExitCodes.Unavailable },
        { new MaestroException("boom", 500), ExitCodes.UnexpectedError },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Client_failures_map_to_exit_codes_with_the_message_on_stderr(Exception failure, int exitCode)
    {
        _cli.Client.Failure = failure;
        var result = await _cli.RunAsync("workflow", "list");
        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith($"error: {failure.Message}", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task A_validation_failure_lists_every_bad_field()
    {
        _cli.Client.Failure = new MaestroValidationException("The request is invalid.", new Dictionary<string, string[]> { ["until"] = ["must be after since"], ["limit"] = ["1 to 1000"] });
        var result = await _cli.RunAsync("run", "list");
        Assert.Equal(["error: The request is invalid.", "  limit: 1 to 1000", "  until: must be after since"], result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task Server_and_key_come_from_options_then_environment_then_the_default()
    {
        await _cli.RunAsync("table", "list");
        Assert.Equal(new Uri("http://127.0.0.1:5080"), _cli.Settings!.Server);
        Assert.Null(_cli.Settings.ApiKey);

        _cli.Environment["MAESTRO_SERVER"] = "https://maestro.example:8443";
        _cli.Environment["MAESTRO_API_KEY"] = "env-key";
        await _cli.RunAsync("table", "list");
        Assert.Equal(new Uri("https://maestro.example:8443"), _cli.Settings.Server);
        Assert.Equal("env-key", _cli.Settings.ApiKey);

        await _cli.RunAsync("table", "list", "--server", "10.0.0.5:5080", "--api-key", "option-key");
        Assert.Equal(new Uri("http://10.0.0.5:5080"), _cli.Settings.Server);
        Assert.Equal("option-key", _cli.Settings.ApiKey);
    }

    [Theory]
    [InlineData("ftp://host")]
    [InlineData("http://")]
    public async Task A_bad_server_address_is_bad_input(string server)
    {
        var result = await _cli.RunAsync("workflow", "list", "--server", server);
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--server", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_output_format_is_bad_input()
    {
        var result = await _cli.RunAsync("workflow", "list", "--output", "yaml");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("expected table or json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_server_commands_ask_the_server_and_print_api_json()
    {
        var list = await _cli.RunAsync("table", "list");
        Assert.Equal("[{\"table\":\"raw.events\",\"currentSnapshotId\":42}]", list.Out.Trim());
        var get = await _cli.RunAsync("table", "get", "raw.events", "-o", "table");
        Assert.Contains("metadata /wh/m.json", get.Out, StringComparison.Ordinal);
        var lineage = await _cli.RunAsync("table", "lineage", "raw.events", "-o", "table");
        Assert.Contains("reads", lineage.Out, StringComparison.Ordinal);
        var whole = await _cli.RunAsync("table", "lineage", "-o", "json");
        Assert.Contains("\"edges\":[{\"from\":\"raw.events\",\"to\":\"agg\",\"kind\":\"reads\"}]", whole.Out, StringComparison.Ordinal);
        var refresh = await _cli.RunAsync("table", "refresh", "raw.events", "-o", "table");
        Assert.Contains("current snapshot 43", refresh.Out, StringComparison.Ordinal);
        Assert.Equal(["list tables", "get table raw.events", "lineage raw.events", "lineage *", "refresh raw.events"], _cli.Client.Calls);
    }

    [Fact]
    public async Task Catalog_direct_table_commands_do_not_touch_the_server()
    {
        var result = await _cli.RunAsync("table", "snapshots", "db.missing", "--server", "http://127.0.0.1:1");
        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Empty(_cli.Client.Calls);
        Assert.Null(_cli.Settings);
    }

    [Fact]
    public async Task Signal_post_passes_parameters_and_prints_the_started_runs()
    {
        var result = await _cli.RunAsync("signal", "post", "orders-ready", "-p", "day=2026-12-06", "-o", "table");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("signal orders-ready: 1 run(s) started", result.Out, StringComparison.Ordinal);
        Assert.Contains("on-sig/1", result.Out, StringComparison.Ordinal);
        Assert.Equal("2026-12-06", _cli.Client.LastParameters!["day"]);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await _cli.RunAsync("workflow", "frobnicate");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("maestro --help", result.Error, StringComparison.Ordinal);
    }
}
