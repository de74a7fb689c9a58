using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Manifests;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>Reads and writes manifests and manifest lists through a table's file IO (the one place the Avro codecs are called).</summary>
internal static class ManifestIO
{
    public static async Task<IReadOnlyList<ManifestFile>> ReadManifestListAsync(IFileIO io, string location, CancellationToken cancellationToken)
    {
        var bytes = await io.ReadAllBytesAsync(location, cancellationToken);
        return ManifestListReader.Read(bytes);
    }

    /// <summary>
    /// Writes the manifest list of a snapshot. Manifests written by this snapshot carry
    /// <see cref="ManifestWriter.UnassignedSequenceNumber"/>; the list writer gives them <paramref name="sequenceNumber"/>,
    /// so the same manifest files serve every retry of a commit whatever sequence number it ends up with.
    /// </summary>
    public static async Task<IReadOnlyList<ManifestFile>> WriteManifestListAsync(
        IFileIO io, string location, IReadOnlyList<ManifestFile> manifests, long snapshotId, long? parentSnapshotId, long sequenceNumber, CancellationToken cancellationToken)
    {
        var writer = new ManifestListWriter(snapshotId, parentSnapshotId, sequenceNumber);
        writer.AddRange(manifests);
        await io.WriteAllBytesAsync(location, writer.ToBytes(), cancellationToken);
        return writer.Manifests;
    }

    /// <summary>Reads a manifest's entries with snapshot ids and sequence numbers inherited from its manifest list entry.</summary>
    public static async Task<IReadOnlyList<ManifestEntry>> ReadManifestAsync(IFileIO io, ManifestFile manifest, TableMetadata metadata, CancellationToken cancellationToken)
    {
        var bytes = await io.ReadAllBytesAsync(manifest.ManifestPath, cancellationToken);
        var spec = metadata.SpecById(manifest.PartitionSpecId);
        return new ManifestReader(bytes).ReadEntries(manifest, spec, metadata.CurrentSchema);
    }

    public static async Task<ManifestFile> WriteManifestAsync(
        IFileIO io, string location, Schema schema, PartitionSpec spec, ManifestContent content, long snapshotId, IEnumerable<ManifestEntry> entries, CancellationToken cancellationToken)
    {
        var writer = new ManifestWriter(schema, spec, content, snapshotId);
        foreach (var entry in entries)
        {
            switch (entry.Status)
            {
                case ManifestEntryStatus.Added:
                    writer.Add(entry);
                    break;
                case ManifestEntryStatus.Existing:
                    writer.Existing(entry);
                    break;
                default:
                    writer.Delete(entry);
                    break;
            }
        }

        var bytes = writer.ToBytes();
        await io.WriteAllBytesAsync(location, bytes, cancellationToken);
        return writer.ToManifestFile(location, bytes.Length);
    }
}
