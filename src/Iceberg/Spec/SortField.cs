namespace OrleansMaestro.Iceberg.Spec;

/// <summary>One field of a sort order: <c>direction</c> is asc|desc, <c>null-order</c> is nulls-first|nulls-last.</summary>
public sealed record SortField(int SourceId, Transform Transform, string Direction, string NullOrder);
