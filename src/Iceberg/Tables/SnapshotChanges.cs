using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// What one attempt of a snapshot operation produced: the new snapshot's manifests and the files it added and removed.
/// </summary>
internal sealed record SnapshotChanges(string Operation, IReadOnlyList<ManifestFile> Manifests, IReadOnlyList<DataFile> Added, IReadOnlyList<DataFile> Removed)
{
    /// <summary>Files written for this attempt only (e.g. merged manifests), removed if the attempt loses the race.</summary>
    public IReadOnlyList<string> AttemptFiles { get; init; } = [];
}
