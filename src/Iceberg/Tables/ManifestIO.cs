using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>Reads and writes manifests and manifest lists through a table's file IO (the one place the Avro codecs are called).</summary>
internal static class ManifestIO
{
    public static Task<IReadOnlyList<ManifestFile>> ReadManifestListAsync(IFileIO io, string location, CancellationToken cancellationToken) =>
        throw new NotImplementedException("pending the Avro manifest list codec");

    public static Task WriteManifestListAsync(IFileIO io, string location, IReadOnlyList<ManifestFile> manifests, long snapshotId, long? parentSnapshotId, long sequenceNumber, CancellationToken cancellationToken) =>
        throw new NotImplementedException("pending the Avro manifest list codec");

    /// <summary>Reads a manifest's entries with snapshot ids and sequence numbers inherited from its manifest list entry.</summary>
    public static Task<IReadOnlyList<ManifestEntry>> ReadManifestAsync(IFileIO io, ManifestFile manifest, TableMetadata metadata, CancellationToken cancellationToken) =>
        throw new NotImplementedException("pending the Avro manifest codec");

    public static Task<ManifestFile> WriteManifestAsync(IFileIO io, string location, Schema schema, PartitionSpec spec, ManifestContent content, long snapshotId, IEnumerable<ManifestEntry> entries, CancellationToken cancellationToken) =>
        throw new NotImplementedException("pending the Avro manifest codec");
}
