namespace OrleansMaestro.Iceberg.Spec;

/// <summary>One field of a partition spec: a transform of a source column (spec: "Partition Specs").</summary>
public sealed record PartitionField(int SourceId, int FieldId, string Name, Transform Transform);
