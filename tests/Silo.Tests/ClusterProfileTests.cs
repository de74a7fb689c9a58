namespace OrleansMaestro.Silo.Tests;

/// <summary>The silo in the cluster profile as a real process: PostgreSQL for membership, state and reminders, S3 for tables.</summary>
[Collection(ClusterServers.Name)]
public sealed class ClusterProfileTests(PostgresServerFixture postgres, S3ServerFixture s3)
{
    private const int Dead = 6; // Orleans' SiloStatus.Dead
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Demo_runs_on_PostgreSQL_and_S3_and_each_stopped_silo_leaves_the_membership_table_dead()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var data = new DataFolder();
        var settings = ClusterSettings.OnS3(database, s3, $"demo-{Guid.NewGuid():N}");
        // No separate migrate step: the silo applies the schema itself before it starts.
        settings["Maestro__Cluster__MigrateOnStart"] = "true";

        var demo = await SiloProcess.RunAsync(data.Path, settings, "--demo", "--demo-duration", "20", "--data", data.Path);

        Assert.True(demo.ExitCode == 0, demo.ToString());
        Assert.Contains("-> PASS", demo.Output, StringComparison.Ordinal);
        Assert.NotEmpty(DemoOutput.Chains(demo.Output));
        Assert.False(File.Exists(Path.Combine(data.Path, "state.db")), "no SQLite grain state in the cluster profile");
        var workflows = await Database.QueryAsync(database,
            "SELECT grainidextensionstring FROM orleansstorage WHERE graintypestring = 'workflow' ORDER BY 1", r => r.GetString(0));
        Assert.Equal(["hourly-aggregate", "top-countries"], workflows);
        var reminders = await Database.QueryAsync(database, "SELECT grainid FROM orleansreminderstable ORDER BY 1", r => r.GetString(0));
        Assert.Contains("workflow/hourly-aggregate", reminders);
        var metadata = await Database.QueryAsync(database, "SELECT metadata_location FROM iceberg_tables", r => r.GetString(0));
        Assert.NotEmpty(metadata);
        Assert.All(metadata, location => Assert.StartsWith($"s3://{s3.BucketName}/", location, StringComparison.Ordinal));

        // A plain silo on the same database joins as a new generation and leaves cleanly on SIGTERM.
        await using (var silo = SiloProcess.Start(data.Path, settings, "--data", data.Path))
        {
            await silo.WaitForTextAsync("Silo started (Cluster profile)", StartTimeout);
            var active = await StatusesAsync(database);
            Assert.Equal(2, active.Count);
            Assert.Contains(3, active); // the running silo is Active

            var stopped = await silo.StopGracefullyAsync();
            Assert.True(stopped.ExitCode == 0, stopped.ToString());
        }

        Assert.Equal([Dead, Dead], await StatusesAsync(database));
    }

    private static Task<IReadOnlyList<int>> StatusesAsync(string database) =>
        Database.QueryAsync(database, "SELECT status FROM orleansmembershiptable ORDER BY generation", r => r.GetInt32(0));
}
