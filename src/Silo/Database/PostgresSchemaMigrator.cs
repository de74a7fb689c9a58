using Microsoft.Extensions.Logging;
using Npgsql;

namespace OrleansMaestro.Silo.Database;

/// <summary>
/// Brings a PostgreSQL database to the schema the cluster profile needs: Orleans' membership, grain state and
/// reminders (the Iceberg catalog creates its own tables at start). Every script runs at most once, in one transaction
/// together with its row in <c>maestro_schema_version</c>, so a failed script leaves nothing half-applied. Several
/// silos may start at once with MigrateOnStart: a session advisory lock lets one migrate while the others wait and
/// then find nothing left to do.
/// </summary>
internal sealed partial class PostgresSchemaMigrator(ILogger<PostgresSchemaMigrator> logger)
{
    public const string VersionTable = "maestro_schema_version";

    // Any fixed number works as long as every migrator of this schema uses the same one ("Maestro" in ASCII).
    private const long LockKey = 0x4D61_6573_7472_6F;

    public Task<MigrationOutcome> MigrateAsync(string connectionString, CancellationToken cancellationToken) =>
        MigrateAsync(connectionString, SchemaScripts.PostgreSql, cancellationToken);

    public async Task<MigrationOutcome> MigrateAsync(string connectionString, IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(scripts);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, $"""
                CREATE TABLE IF NOT EXISTS {VersionTable} (
                    script_id  text        PRIMARY KEY,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var known = await ReadAppliedAsync(connection, cancellationToken);
            var applied = new List<string>();
            var already = new List<string>();
            foreach (var script in scripts)
            {
                if (known.TryGetValue(script.Id, out var checksum))
                {
                    if (!string.Equals(checksum, script.Checksum, StringComparison.Ordinal))
                    {
                        throw new SchemaMigrationException(
                            $"Schema script {script.Id} was applied with checksum {checksum} but this silo carries {script.Checksum}; " +
                            "released scripts must not change (add a new numbered script instead).");
                    }

                    already.Add(script.Id);
                    continue;
                }

                await ApplyAsync(connection, script, cancellationToken);
                applied.Add(script.Id);
                LogApplied(script.Id);
            }

            LogDone(applied.Count, already.Count);
            return new MigrationOutcome(applied, already);
        }
        finally
        {
            // Closing the connection would release the lock as well, but a pooled connection is only reset when reused.
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
        }
        catch (PostgresException e)
        {
            throw new SchemaMigrationException($"Schema script {script.Id} failed: {e.MessageText} (SQLSTATE {e.SqlState}).", e);
        }

        await using (var record = new NpgsqlCommand($"INSERT INTO {VersionTable} (script_id, checksum) VALUES (@id, @checksum)", connection, transaction))
        {
            record.Parameters.AddWithValue("id", script.Id);
            record.Parameters.AddWithValue("checksum", script.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand($"SELECT script_id, checksum FROM {VersionTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        // Scripts create functions and fill OrleansQuery; none is long, but a busy server should not fail them at 30 s.
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema script {ScriptId} applied")]
    private partial void LogApplied(string scriptId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema up to date: {Applied} script(s) applied now, {Already} applied before")]
    private partial void LogDone(int applied, int already);
}
