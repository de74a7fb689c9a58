using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>A column resolved against a schema (or a partition field, after projection): its field id, name and type.</summary>
public sealed record BoundReference(int FieldId, string Name, PrimitiveType Type);
