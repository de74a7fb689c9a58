namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>Bad API key settings stop the silo at start-up naming the key to fix.</summary>
public sealed class AuthConfigurationTests
{
    [Fact]
    public async Task The_cluster_profile_without_keys_refuses_to_start_naming_the_api_keys_setting()
    {
        using var data = new DataFolder();
        var settings = new Dictionary<string, string>
        {
            ["Maestro__Profile"] = "Cluster",
            // Never reached: validation stops the silo before it connects anywhere.
            ["Maestro__Cluster__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=maestro;Username=maestro",
            ["Maestro__Warehouse"] = "s3://warehouse/maestro",
        };

        var result = await SiloProcess.RunAsync(data.Path, settings, "--data", data.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Maestro:Http:Auth:ApiKeys", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_embedded_silo_listening_beyond_loopback_needs_keys_unless_auth_is_turned_off_explicitly()
    {
        using var data = new DataFolder();
        var settings = new Dictionary<string, string> { ["Maestro__Http__Address"] = "0.0.0.0" };

        var result = await SiloProcess.RunAsync(data.Path, settings, "--data", data.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Maestro:Http:Auth:ApiKeys", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Maestro__Http__Auth__ApiKeys__0__Key", "short", "Maestro:Http:Auth:ApiKeys:0:Key must be at least 16 characters")]
    [InlineData("Maestro__Http__Auth__ApiKeys__0__Name", "", "Maestro:Http:Auth:ApiKeys:0:Name must not be empty")]
    // The configuration binder drops a list element it cannot bind, so an unknown access leaves no key at all.
    [InlineData("Maestro__Http__Auth__ApiKeys__0__Access", "Admin", "Maestro:Http:Auth:ApiKeys needs at least one key")]
    public async Task A_bad_api_key_setting_exits_naming_it(string variable, string value, string message)
    {
        using var data = new DataFolder();
        var settings = new Dictionary<string, string>
        {
            ["Maestro__Http__Auth__Enabled"] = "true",
            ["Maestro__Http__Auth__ApiKeys__0__Name"] = "ci",
            ["Maestro__Http__Auth__ApiKeys__0__Key"] = "a-long-enough-key-123",
            [variable] = value,
        };

        var result = await SiloProcess.RunAsync(data.Path, settings, "--data", data.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("a-long-enough-key-123", result.Errors + result.Output, StringComparison.Ordinal);
    }
}
