using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Spec;

public class DateTimeTransformTests
{
    [Fact]
    public void Year_and_month_count_from_1970()
    {
        Assert.Equal(47, YearTransform.Instance.Apply(PrimitiveType.Date, new DateOnly(2017, 11, 16)));
        Assert.Equal((47 * 12) + 10, MonthTransform.Instance.Apply(PrimitiveType.Date, new DateOnly(2017, 11, 16)));
        Assert.Equal(-1, YearTransform.Instance.Apply(PrimitiveType.Date, new DateOnly(1969, 12, 31)));
        Assert.Equal(-1, MonthTransform.Instance.Apply(PrimitiveType.Timestamp, new DateTime(1969, 12, 31, 23, 59, 59)));
        Assert.Equal(-12, MonthTransform.Instance.Apply(PrimitiveType.Date, new DateOnly(1969, 1, 1)));
        Assert.Equal(0, MonthTransform.Instance.Apply(PrimitiveType.Date, new DateOnly(1970, 1, 31)));
    }

    [Fact]
    public void Day_result_is_a_date_with_floor_semantics()
    {
        Assert.Equal(PrimitiveType.Date, DayTransform.Instance.ResultType(PrimitiveType.Timestamp));
        Assert.Equal(new DateOnly(2017, 11, 16), DayTransform.Instance.Apply(PrimitiveType.Timestamp, new DateTime(2017, 11, 16, 22, 31, 8)));
        // One microsecond before the epoch is day -1, not day 0.
        Assert.Equal(new DateOnly(1969, 12, 31), DayTransform.Instance.Apply(PrimitiveType.Timestamp, Conversions.TimestampFromEpochMicros(-1)));
        Assert.Equal(-1, Conversions.ToEpochDays((DateOnly)DayTransform.Instance.Apply(PrimitiveType.Timestamp, Conversions.TimestampFromEpochMicros(-1))!));
    }

    [Fact]
    public void Timestamptz_is_taken_in_utc()
    {
        var t = new DateTimeOffset(2017, 11, 16, 22, 31, 8, TimeSpan.FromHours(-8)); // 2017-11-17T06:31:08Z
        Assert.Equal(new DateOnly(2017, 11, 17), DayTransform.Instance.Apply(PrimitiveType.TimestampTz, t));
        Assert.Equal(Conversions.ToEpochDays(new DateOnly(2017, 11, 17)) * 24 + 6, HourTransform.Instance.Apply(PrimitiveType.TimestampTz, t));
    }

    [Theory]
    [InlineData(0L, 0)]
    [InlineData(3_599_999_999L, 0)]
    [InlineData(3_600_000_000L, 1)]
    [InlineData(-1L, -1)]
    [InlineData(-3_600_000_000L, -1)]
    [InlineData(-3_600_000_001L, -2)]
    public void Hour_floors_before_the_epoch(long micros, int expected)
    {
        Assert.Equal(expected, HourTransform.Instance.Apply(PrimitiveType.Timestamp, Conversions.TimestampFromEpochMicros(micros)));
    }

    [Fact]
    public void Hour_needs_a_timestamp()
    {
        Assert.False(HourTransform.Instance.CanTransform(PrimitiveType.Date));
        Assert.True(DayTransform.Instance.CanTransform(PrimitiveType.Date));
        Assert.True(YearTransform.Instance.PreservesOrder);
    }
}
