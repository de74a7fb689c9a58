namespace OrleansMaestro.Cli.Tests.EndToEnd;

/// <summary>A silo with API keys on: a missing or wrong key, and a read-only key asked to change something, are refused.</summary>
public sealed class ServerAuthTests : IClassFixture<AuthServerFixture>, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly MaestroProcess _maestro;

    public ServerAuthTests(AuthServerFixture server)
    {
        _maestro = server.Maestro(_dir.Path);
        _dir.Write("wf.json", Definitions.Sleepy("auth-wf", "10ms"));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Without_a_key_every_command_is_unauthorized()
    {
        foreach (var args in new[] { new[] { "workflow", "list" }, ["run", "list"], ["table", "list"], ["workflow", "apply", "-f", "wf.json"] })
        {
            var result = await _maestro.RunAsync(args);
            Assert.True(result.ExitCode == ExitCodes.Unauthorized, $"maestro {string.Join(' ', args)}: {result}");
            Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
            Assert.Contains("no API key was sent; give one with --api-key or MAESTRO_API_KEY", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_key_is_unauthorized()
    {
        var result = await _maestro.RunAsync("workflow", "list", "--api-key", "not-a-key-of-this-server");
        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Contains("the server does not know the API key", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-key-of-this-server", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_key_reads_but_cannot_change_anything()
    {
        var writer = await _maestro.RunAsync("workflow", "apply", "-f", "wf.json", "--api-key", AuthServerFixture.WriterKey);
        Assert.True(writer.ExitCode == 0, writer.ToString());

        _maestro.Environment["MAESTRO_API_KEY"] = AuthServerFixture.ReaderKey;
        Assert.Equal(0, (await _maestro.RunAsync("workflow", "list")).ExitCode);
        Assert.Equal(0, (await _maestro.RunAsync("workflow", "get", "auth-wf")).ExitCode);
        Assert.Equal(0, (await _maestro.RunAsync("workflow", "validate", "-f", "wf.json", "--local")).ExitCode);
        foreach (var args in new[]
                 {
                     new[] { "workflow", "apply", "-f", "wf.json" }, ["workflow", "delete", "auth-wf"], ["workflow", "activate", "auth-wf", "1"],
                     ["run", "start", "auth-wf"], ["run", "stop", "auth-wf/1"], ["run", "restart", "auth-wf/1"],
                     ["run", "backfill", "auth-wf", "--source", "raw.events:..1"], ["workflow", "validate", "-f", "wf.json"],
                     ["signal", "post", "anything"], ["table", "refresh", "raw.events"],
                 })
        {
            var result = await _maestro.RunAsync(args);
            Assert.True(result.ExitCode == ExitCodes.Forbidden, $"maestro {string.Join(' ', args)}: {result}");
            Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
            Assert.Contains("read-only", result.Error, StringComparison.Ordinal);
        }

        // Nothing changed: still one version, no run.
        _maestro.Environment["MAESTRO_API_KEY"] = AuthServerFixture.WriterKey;
        var versions = await _maestro.RunAsync("workflow", "versions", "auth-wf");
        Assert.Equal(1, System.Text.Json.JsonDocument.Parse(versions.Out).RootElement.GetArrayLength());
        Assert.Equal("[]", (await _maestro.RunAsync("run", "list", "--workflow", "auth-wf")).Out.Trim());
    }
}
