namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// A transform name this library does not know (e.g. from a newer writer). Kept so that metadata still
/// round-trips unchanged; such partition fields cannot be computed, and scans do not prune on them.
/// The spec forbids committing files with a spec containing an unknown transform ("Writing data files").
/// </summary>
public sealed record UnknownTransform(string Name) : Transform
{
    public override bool CanTransform(IcebergType sourceType) => false;

    // Java's UnknownTransform reports string too; the value is never produced by us, only carried along.
    public override IcebergType ResultType(IcebergType sourceType) => PrimitiveType.String;

    public override object? Apply(IcebergType sourceType, object? value) =>
        throw new NotSupportedException($"Partition transform '{Name}' is not supported by this library.");

    public override bool PreservesOrder => false;

    public override string ToString() => Name;
}
