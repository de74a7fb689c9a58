namespace OrleansMaestro.Iceberg.Spec;

/// <summary>A sort order (spec: "Sorting"); order id 0 is reserved for unsorted.</summary>
public sealed record SortOrder(int OrderId, IReadOnlyList<SortField> Fields)
{
    public static SortOrder Unsorted { get; } = new(0, []);

    public bool IsUnsorted => Fields.Count == 0;
}
