using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>One attempt of a commit: the new metadata and the files the attempt wrote (removed again if the attempt loses the race).</summary>
public sealed record PendingCommit(TableMetadata Metadata, IReadOnlyList<string> AttemptFiles);
