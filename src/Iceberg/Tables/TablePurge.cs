namespace OrleansMaestro.Iceberg.Tables;

/// <summary>Deletes every file reachable from a table's metadata (drop with purge), found through metadata, never by listing.</summary>
internal static class TablePurge
{
    public static async Task DeleteAllFilesAsync(Table table, CancellationToken cancellationToken)
    {
        var io = table.IO;
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var snapshot in table.Metadata.Snapshots)
        {
            files.Add(snapshot.ManifestList);
            foreach (var manifest in await ManifestIO.ReadManifestListAsync(io, snapshot.ManifestList, cancellationToken))
            {
                if (files.Add(manifest.ManifestPath))
                {
                    foreach (var entry in await ManifestIO.ReadManifestAsync(io, manifest, table.Metadata, cancellationToken))
                    {
                        files.Add(entry.DataFile.FilePath);
                    }
                }
            }
        }

        files.UnionWith(table.Metadata.MetadataLog.Select(m => m.MetadataFile));
        files.Add(table.MetadataLocation);
        foreach (var file in files)
        {
            await io.DeleteAsync(file, cancellationToken);
        }
    }
}
