namespace OrleansMaestro.Silo.Tests;

/// <summary>Bad settings stop start-up with a message naming the setting, before anything is started.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Maestro__SiloPort", "-1", "Maestro:SiloPort")]
    [InlineData("Maestro__GatewayPort", "70000", "Maestro:GatewayPort")]
    [InlineData("Maestro__SiloPort", "eleven", "Maestro:SiloPort")]
    [InlineData("Maestro__Orchestration__RunPollInterval", "00:00:00", "Maestro:Orchestration:RunPollInterval")]
    [InlineData("Maestro__Demo__BatchRows", "0", "Maestro:Demo:BatchRows")]
    [InlineData("Maestro__Catalog__Kind", "Postgres", "Maestro:Catalog:Connection")]
    public async Task A_bad_setting_exits_non_zero_naming_it(string variable, string value, string key)
    {
        using var data = new DataFolder();
        var result = await SiloProcess.RunAsync(data.Path, new Dictionary<string, string> { [variable] = value }, "--data", data.Path);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(key, result.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "state.db")), "nothing was started");
    }

    [Fact]
    public async Task Demo_duration_without_demo_is_a_usage_error()
    {
        using var data = new DataFolder();
        var result = await SiloProcess.RunAsync(data.Path, null, "--demo-duration", "5", "--data", data.Path);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("--demo-duration needs --demo", result.Output + result.Errors, StringComparison.Ordinal);
    }
}
