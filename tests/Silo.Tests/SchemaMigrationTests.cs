namespace OrleansMaestro.Silo.Tests;

/// <summary><c>OrleansMaestro.Silo migrate</c> on a real PostgreSQL: the schema Orleans' ADO.NET providers need, applied once.</summary>
[Collection(ClusterServers.Name)]
public sealed class SchemaMigrationTests(PostgresServerFixture postgres)
{
    private static readonly string[] Tables =
    [
        "orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable",
        "maestro_schema_version",
    ];

    // Every query key the Orleans 10.4.2 clustering, grain storage and reminder providers load at start.
    private static readonly string[] QueryKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static readonly string[] Scripts =
    [
        "0001-PostgreSQL-Main", "0002-PostgreSQL-Clustering", "0003-PostgreSQL-Persistence", "0004-PostgreSQL-Reminders",
    ];

    [Fact]
    public async Task Migrate_on_a_fresh_database_creates_every_table_and_query_the_providers_need()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var work = new DataFolder();

        var result = await SiloProcess.RunAsync(work.Path, null, "migrate", "--connection", database);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(Scripts, id => Assert.Contains($"applied {id}", result.Output, StringComparison.Ordinal));
        var tables = await Database.QueryAsync(database,
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'", r => r.GetString(0));
        Assert.All(Tables, table => Assert.Contains(table, tables));
        var keys = await Database.QueryAsync(database, "SELECT querykey FROM orleansquery", r => r.GetString(0));
        Assert.Equal(QueryKeys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        var recorded = await Database.QueryAsync(database, "SELECT script_id FROM maestro_schema_version ORDER BY script_id", r => r.GetString(0));
        Assert.Equal(Scripts, recorded);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing_the_second_time()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var work = new DataFolder();
        var first = await SiloProcess.RunAsync(work.Path, null, "migrate", "--connection", database);
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = await AppliedAtAsync(database);

        var second = await SiloProcess.RunAsync(work.Path, null, "migrate", "--connection", database);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.DoesNotContain("applied 0", second.Output, StringComparison.Ordinal);
        Assert.Contains("0 script(s) applied now, 4 before", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await AppliedAtAsync(database));
    }

    [Fact]
    public async Task Two_migrations_at_once_both_succeed_and_apply_each_script_once()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var work = new DataFolder();

        var results = await Task.WhenAll(
            SiloProcess.RunAsync(work.Path, null, "migrate", "--connection", database),
            SiloProcess.RunAsync(work.Path, null, "migrate", "--connection", database));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        // Between them the two processes applied every script exactly once.
        var applied = results.SelectMany(r => r.Output.Split('\n')).Where(l => l.StartsWith("applied ", StringComparison.Ordinal)).Select(l => l.Trim()[8..]);
        Assert.Equal(Scripts, applied.Order(StringComparer.Ordinal));
        Assert.Equal(Scripts.Length, (await AppliedAtAsync(database)).Count);
    }

    [Fact]
    public async Task A_script_changed_after_it_was_applied_stops_the_migration_naming_it()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var work = new DataFolder();
        Assert.Equal(0, (await SiloProcess.RunAsync(work.Path, null, "migrate", "--connection", database)).ExitCode);
        await Database.ExecuteAsync(database, "UPDATE maestro_schema_version SET checksum = 'edited' WHERE script_id = '0003-PostgreSQL-Persistence'");

        var result = await SiloProcess.RunAsync(work.Path, null, "migrate", "--connection", database);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("0003-PostgreSQL-Persistence", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_without_a_database_exits_non_zero_naming_the_setting()
    {
        using var work = new DataFolder();

        var result = await SiloProcess.RunAsync(work.Path, null, "migrate");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("Maestro:Cluster:ConnectionString", result.Errors, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<(string Id, DateTime At)>> AppliedAtAsync(string database) =>
        await Database.QueryAsync(database, "SELECT script_id, applied_at FROM maestro_schema_version ORDER BY script_id",
            r => (r.GetString(0), r.GetDateTime(1)));
}
