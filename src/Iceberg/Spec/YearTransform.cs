namespace OrleansMaestro.Iceberg.Spec;

/// <summary><c>year</c>: years since 1970 (negative before), as an int. (spec: "Partition Transforms").</summary>
public sealed record YearTransform : Transform
{
    public static readonly YearTransform Instance = new();

    public override bool CanTransform(IcebergType sourceType) => DateTimeParts.IsDateOrTimestamp(sourceType);

    public override IcebergType ResultType(IcebergType sourceType) => PrimitiveType.Int;

    public override object? Apply(IcebergType sourceType, object? value)
    {
        ArgumentNullException.ThrowIfNull(sourceType);
        return value is null ? null : DateTimeParts.Years(sourceType, value);
    }

    public override bool PreservesOrder => true;

    public override string ToString() => "year";
}
