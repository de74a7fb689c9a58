namespace OrleansMaestro.Testing;

/// <summary>A fresh data folder per test, removed afterwards.</summary>
public sealed class DataFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("maestro-silo-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless; never fail a test on cleanup.
        }
    }
}
