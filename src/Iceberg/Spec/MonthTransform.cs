namespace OrleansMaestro.Iceberg.Spec;

/// <summary><c>month</c>: months since 1970-01 (negative before), as an int. (spec: "Partition Transforms").</summary>
public sealed record MonthTransform : Transform
{
    public static readonly MonthTransform Instance = new();

    public override bool CanTransform(IcebergType sourceType) => DateTimeParts.IsDateOrTimestamp(sourceType);

    public override IcebergType ResultType(IcebergType sourceType) => PrimitiveType.Int;

    public override object? Apply(IcebergType sourceType, object? value)
    {
        ArgumentNullException.ThrowIfNull(sourceType);
        return value is null ? null : DateTimeParts.Months(sourceType, value);
    }

    public override bool PreservesOrder => true;

    public override string ToString() => "month";
}
