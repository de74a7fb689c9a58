namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// An entry of a manifest (spec: "Manifest Entry Fields"). Null snapshot id and sequence numbers are inherited
/// from the manifest list entry when the manifest is read (spec: "Sequence Number Inheritance").
/// </summary>
public sealed record ManifestEntry(ManifestEntryStatus Status, long? SnapshotId, long? SequenceNumber, long? FileSequenceNumber, DataFile DataFile)
{
    public bool IsLive => Status != ManifestEntryStatus.Deleted;
}
