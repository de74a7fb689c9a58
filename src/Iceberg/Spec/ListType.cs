namespace OrleansMaestro.Iceberg.Spec;

/// <summary>A list whose element has its own field id.</summary>
public sealed record ListType(int ElementId, IcebergType ElementType, bool ElementRequired) : IcebergType
{
    public override TypeId TypeId => TypeId.List;

    public NestedField ElementField => new(ElementId, "element", ElementType, ElementRequired);

    public override string ToString() => $"list<{ElementType}>";
}
