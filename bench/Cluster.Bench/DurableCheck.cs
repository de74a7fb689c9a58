using Microsoft.Data.Sqlite;
using Npgsql;

namespace OrleansMaestro.Cluster.Bench;

/// <summary>
/// Reads the stored run-grain rows back after a durable measurement: one row per measured run, each with a version
/// (its count of writes) of at least two per step (the attempt recorded, then its completion). A storage that dropped
/// writes, or a silo that kept state only in memory, fails here instead of printing a fast figure.
/// </summary>
internal static class DurableCheck
{
    public static async Task<string> PostgresAsync(string connectionString, string prefix, StepRateBench.Result result, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // The ADO.NET provider keys string-keyed grains by the key in GrainIdExtensionString, and bumps Version on every write.
        await using var command = new NpgsqlCommand(
            "SELECT count(*), coalesce(min(version), 0), coalesce(max(version), 0) FROM orleansstorage WHERE graintypestring = 'run' AND grainidextensionstring LIKE @prefix",
            connection);
        command.Parameters.AddWithValue("prefix", prefix + "-%/%");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return Verify("PostgreSQL orleansstorage", result, reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    public static string Sqlite(string file, string prefix, StepRateBench.Result result)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(min(version), 0), coalesce(max(version), 0) FROM maestro_grain_state WHERE state_name = 'run' AND grain_id LIKE $prefix";
        command.Parameters.AddWithValue("$prefix", $"run/{prefix}-%/%");
        using var reader = command.ExecuteReader();
        reader.Read();
        return Verify("SQLite maestro_grain_state", result, reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    private static string Verify(string where, StepRateBench.Result result, long rows, int minVersion, int maxVersion)
    {
        var atLeast = 2 * result.StepsPerRun;
        if (rows != result.Runs || minVersion < atLeast)
        {
            throw new InvalidOperationException(
                $"{where} holds {rows} run rows (expected {result.Runs}) written {minVersion}..{maxVersion} times each (expected at least {atLeast})");
        }

        return $"stored: {rows} run rows in {where}, each written {(minVersion == maxVersion ? $"{minVersion}" : $"{minVersion}..{maxVersion}")} times ({result.StepsPerRun} steps x 2 + run start/running/finish)";
    }
}
