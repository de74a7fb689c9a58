namespace OrleansMaestro.Iceberg.Spec;

/// <summary><c>hour</c>: hours since 1970-01-01 00:00 UTC (floor division, negative before), as an int. (spec: "Partition Transforms").</summary>
public sealed record HourTransform : Transform
{
    public static readonly HourTransform Instance = new();

    public override bool CanTransform(IcebergType sourceType) => DateTimeParts.IsTimestamp(sourceType);

    public override IcebergType ResultType(IcebergType sourceType) => PrimitiveType.Int;

    public override object? Apply(IcebergType sourceType, object? value)
    {
        ArgumentNullException.ThrowIfNull(sourceType);
        return value is null ? null : DateTimeParts.Hours(sourceType, value);
    }

    public override bool PreservesOrder => true;

    public override string ToString() => "hour";
}
