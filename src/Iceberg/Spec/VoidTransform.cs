namespace OrleansMaestro.Iceberg.Spec;

/// <summary><c>void</c>: always null; used to drop a partition field in v1 tables.</summary>
public sealed record VoidTransform : Transform
{
    public static readonly VoidTransform Instance = new();

    public override bool CanTransform(IcebergType sourceType) => true;

    public override IcebergType ResultType(IcebergType sourceType) => sourceType;

    public override object? Apply(IcebergType sourceType, object? value) => null;

    public override bool PreservesOrder => false;

    public override string ToString() => "void";
}
