namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// A partition transform (spec: "Partition Transforms"). <see cref="ToString"/> is the spec's name,
/// e.g. <c>bucket[16]</c>, <c>truncate[4]</c>, <c>day</c>.
/// </summary>
public abstract record Transform
{
    /// <summary>Whether this transform can be applied to a source column of the given type.</summary>
    public abstract bool CanTransform(IcebergType sourceType);

    /// <summary>The type of the partition values this transform produces from the given source type.</summary>
    public abstract IcebergType ResultType(IcebergType sourceType);

    /// <summary>Applies the transform to a value of the source type (null in, null out).</summary>
    public abstract object? Apply(IcebergType sourceType, object? value);

    /// <summary>
    /// Whether the transform is monotonic (a &lt;= b implies f(a) &lt;= f(b)), so that range predicates on the
    /// source column can be projected onto partition values for pruning.
    /// </summary>
    public abstract bool PreservesOrder { get; }

    /// <summary>Parses a transform's spec name. Throws <see cref="FormatException"/> naming the bad transform.</summary>
    public static Transform Parse(string text) => TransformParser.Parse(text);
}
