using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace OrleansMaestro.Grains.Storage;

/// <summary>
/// Grain state in one SQLite file, for the embedded (single node) profile: workflows, watermarks and runs survive a
/// restart of the process. Written by hand because Orleans' ADO.NET grain storage cannot run on SQLite: its provider
/// table (<c>DbConstantsStore</c>) has no SQLite entry, so the <c>System.Data.SQLite</c> invariant fails at start-up.
/// The schema keeps the same idea as Orleans' own (one row per grain and state name, an integer version as the ETag).
/// Each write is one SQLite transaction in WAL mode, so a kill -9 leaves either the old or the new state, never half.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS maestro_grain_state (
            grain_id   TEXT    NOT NULL,
            state_name TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            payload    BLOB    NOT NULL,
            updated_at TEXT    NOT NULL,
            PRIMARY KEY (grain_id, state_name)
        ) WITHOUT ROWID;
        """;

    private readonly string _name;
    private readonly string _connectionString;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly SemaphoreSlim _initialize = new(1, 1);
    private readonly int _busyTimeoutMs;
    private bool _initialized;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IGrainStorageSerializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.FilePath))
        {
            throw new ArgumentException($"Grain storage '{name}': {nameof(SqliteGrainStorageOptions.FilePath)} is required.", nameof(options));
        }

        _name = name;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(options.FilePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)options.BusyTimeout.TotalSeconds,
        }.ToString();
        _busyTimeoutMs = (int)options.BusyTimeout.TotalMilliseconds;
        _serializer = serializer;
        _logger = logger;
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM maestro_grain_state WHERE grain_id = $id AND state_name = $name";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var version = reader.GetInt64(0);
        var payload = (byte[])reader.GetValue(1);
        grainState.State = _serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        var expected = ParseETag(grainState.ETag);
        if (expected is null)
        {
            // No row was read: insert, and fail (rather than overwrite) when another activation inserted meanwhile.
            command.CommandText = """
                INSERT INTO maestro_grain_state (grain_id, state_name, version, payload, updated_at)
                VALUES ($id, $name, 1, $payload, $now) ON CONFLICT DO NOTHING
                """;
        }
        else
        {
            command.CommandText = """
                UPDATE maestro_grain_state SET version = version + 1, payload = $payload, updated_at = $now
                WHERE grain_id = $id AND state_name = $name AND version = $version
                """;
            command.Parameters.AddWithValue("$version", expected.Value);
        }

        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O"));
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InconsistentStateException(
                $"Grain storage '{_name}': the state '{stateName}' of {grainId} was changed by someone else (expected version {grainState.ETag ?? "none"}).",
                storedEtag: "unknown",
                currentEtag: grainState.ETag ?? string.Empty);
        }

        grainState.ETag = ((expected ?? 0) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM maestro_grain_state WHERE grain_id = $id AND state_name = $name";
        command.Parameters.AddWithValue("$id", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        await command.ExecuteNonQueryAsync();
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static long? ParseETag(string? etag) =>
        etag is null ? null : long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            if (!_initialized)
            {
                await InitializeAsync(connection);
            }
            else
            {
                await connection.OpenAsync();
            }

            // SQLite's own busy handler waits a few milliseconds for a concurrent writer; without it the driver
            // retries a locked file after fixed 150 ms sleeps, which showed up as 150 ms hops between grains.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {_busyTimeoutMs}";
            await pragma.ExecuteNonQueryAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(SqliteConnection connection)
    {
        await _initialize.WaitAsync();
        try
        {
            var folder = Path.GetDirectoryName(connection.DataSource);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await connection.OpenAsync();
            if (_initialized)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            // WAL: readers never block the writer, and a crash mid-write rolls back to the last committed state.
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; " + Schema;
            await command.ExecuteNonQueryAsync();
            _initialized = true;
            LogReady(_name, connection.DataSource);
        }
        finally
        {
            _initialize.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain storage {Name} keeps state in {File}")]
    private partial void LogReady(string name, string file);
}
