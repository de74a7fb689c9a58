using OrleansMaestro.Cli.Commands;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Tests.Output;

public class PartitionTextTests
{
    [Fact]
    public void Year_month_hour_and_day_print_as_dates_like_java()
    {
        var type = new StructType(
        [
            NestedField.OptionalField(1000, "ts_year", PrimitiveType.Int),
            NestedField.OptionalField(1001, "ts_month", PrimitiveType.Int),
            NestedField.OptionalField(1002, "ts_hour", PrimitiveType.Int),
            NestedField.OptionalField(1003, "ts_day", PrimitiveType.Date),
            NestedField.OptionalField(1004, "id_bucket", PrimitiveType.Int),
        ]);
        var transforms = new Transform[] { YearTransform.Instance, MonthTransform.Instance, HourTransform.Instance, DayTransform.Instance, new BucketTransform(16) };
        var values = new object?[] { 54, 648, 473_352, new DateOnly(2024, 1, 2), 7 };
        Assert.Equal(
            "ts_year=2024/ts_month=2024-01/ts_hour=2024-01-01-00/ts_day=2024-01-02/id_bucket=7",
            FilesCommand.PartitionText(type, transforms, new StructValue(values)));
    }
}
