namespace OrleansMaestro.Grains.Storage;

/// <summary>Where the embedded profile keeps grain state (see <see cref="SqliteGrainStorage"/>).</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>The SQLite database file; its folder is created when missing.</summary>
    public string FilePath { get; set; } = string.Empty;

    /// <summary>How long a writer waits for another connection's lock before failing (SQLite's busy timeout).</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
