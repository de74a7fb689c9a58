using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Scan;

/// <summary>A data file to read and the delete files that apply to it.</summary>
public sealed record FileScanTask(DataFile File, long DataSequenceNumber, long SnapshotId, IReadOnlyList<DataFile> Deletes);
