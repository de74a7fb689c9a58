namespace OrleansMaestro.Iceberg.Tables;

/// <summary>Deletes every file reachable from a table's metadata (drop with purge).</summary>
internal static class TablePurge
{
    public static Task DeleteAllFilesAsync(Table table, CancellationToken cancellationToken)
    {
        // TODO: filled in with the manifest reader (reachable manifests and data files).
        _ = table;
        _ = cancellationToken;
        return Task.CompletedTask;
    }
}
