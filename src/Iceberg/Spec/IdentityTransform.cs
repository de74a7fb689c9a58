namespace OrleansMaestro.Iceberg.Spec;

/// <summary><c>identity</c>: the source value, unmodified.</summary>
public sealed record IdentityTransform : Transform
{
    public static readonly IdentityTransform Instance = new();

    public override bool CanTransform(IcebergType sourceType) => sourceType.IsPrimitive;

    public override IcebergType ResultType(IcebergType sourceType) => sourceType;

    public override object? Apply(IcebergType sourceType, object? value) => value;

    public override bool PreservesOrder => true;

    public override string ToString() => "identity";
}
