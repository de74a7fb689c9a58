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

    [Theory]
    [InlineData("Maestro__Profile", "Clustered", "Maestro:Profile")]
    [InlineData("Maestro__Cluster__ConnectionString", "", "Maestro:Cluster:ConnectionString is required when Maestro:Profile is Cluster")]
    [InlineData("Maestro__Cluster__ConnectionString", "Hots=db", "Maestro:Cluster:ConnectionString is not a valid PostgreSQL connection string")]
    [InlineData("Maestro__Warehouse", "", "Maestro:Warehouse is required when Maestro:Profile is Cluster")]
    [InlineData("Maestro__Cluster__AdvertisedAddress", "silo-1", "Maestro:Cluster:AdvertisedAddress")]
    [InlineData("Maestro__S3__Endpoint", "localhost:9000", "Maestro:S3:Endpoint")]
    [InlineData("Maestro__ShutdownTimeout", "00:00:00", "Maestro:ShutdownTimeout")]
    public async Task A_bad_cluster_setting_exits_non_zero_naming_it(string variable, string value, string message)
    {
        using var data = new DataFolder();
        var settings = new Dictionary<string, string>
        {
            ["Maestro__Profile"] = "Cluster",
            // Never reached: validation stops the silo before it connects anywhere.
            ["Maestro__Cluster__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=maestro;Username=maestro",
            ["Maestro__Warehouse"] = "s3://warehouse/maestro",
            [variable] = value,
        };

        var result = await SiloProcess.RunAsync(data.Path, settings, "--data", data.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_state_is_refused_in_the_cluster_profile()
    {
        using var data = new DataFolder();
        var settings = ClusterSettings.OnDisk("Host=127.0.0.1;Port=1;Database=maestro;Username=maestro", Path.Combine(data.Path, "warehouse"));

        var result = await SiloProcess.RunAsync(data.Path, settings, "--print-state", "--data", data.Path);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Maestro:Profile is Cluster", result.Errors, StringComparison.Ordinal);
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
