namespace OrleansMaestro.Iceberg.Spec;

/// <summary><c>day</c>: days since 1970-01-01. The result type is <c>date</c> (as Java writes it; the spec table says int, which is the
/// same physical value), so partition values are <see cref="DateOnly"/> like every other date. (spec: "Partition Transforms").</summary>
public sealed record DayTransform : Transform
{
    public static readonly DayTransform Instance = new();

    public override bool CanTransform(IcebergType sourceType) => DateTimeParts.IsDateOrTimestamp(sourceType);

    public override IcebergType ResultType(IcebergType sourceType) => PrimitiveType.Date;

    public override object? Apply(IcebergType sourceType, object? value)
    {
        ArgumentNullException.ThrowIfNull(sourceType);
        return value is null ? null : DateTimeParts.DateOf(sourceType, value);
    }

    public override bool PreservesOrder => true;

    public override string ToString() => "day";
}
