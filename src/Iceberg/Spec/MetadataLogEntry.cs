namespace OrleansMaestro.Iceberg.Spec;

/// <summary>An entry of the metadata log: a previous metadata file and when it was replaced.</summary>
public sealed record MetadataLogEntry(long TimestampMs, string MetadataFile);
