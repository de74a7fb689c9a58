namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// Shared arithmetic of the year/month/day/hour transforms (spec: "Partition Transforms"): all count from
/// 1970-01-01 00:00 UTC and round toward negative infinity, so 1969-12-31T23:00 is hour -1 and day -1.
/// timestamptz values are taken in UTC.
/// </summary>
internal static class DateTimeParts
{
    public static bool IsDateOrTimestamp(IcebergType type) => type.TypeId is TypeId.Date or TypeId.Timestamp or TypeId.TimestampTz;

    public static bool IsTimestamp(IcebergType type) => type.TypeId is TypeId.Timestamp or TypeId.TimestampTz;

    /// <summary>The calendar date (UTC for timestamptz) of a date or timestamp value.</summary>
    public static DateOnly DateOf(IcebergType type, object value) => type.TypeId switch
    {
        TypeId.Date => (DateOnly)value,
        TypeId.Timestamp => DateOnly.FromDateTime((DateTime)value),
        TypeId.TimestampTz => DateOnly.FromDateTime(((DateTimeOffset)value).UtcDateTime),
        _ => throw new NotSupportedException($"Expected a date or timestamp type, got {type}."),
    };

    public static int Years(IcebergType type, object value) => DateOf(type, value).Year - 1970;

    public static int Months(IcebergType type, object value)
    {
        var d = DateOf(type, value);
        return ((d.Year - 1970) * 12) + d.Month - 1;
    }

    public static int Hours(IcebergType type, object value)
    {
        var micros = type.TypeId switch
        {
            TypeId.Timestamp => Conversions.ToEpochMicros((DateTime)value),
            TypeId.TimestampTz => Conversions.ToEpochMicros((DateTimeOffset)value),
            _ => throw new NotSupportedException($"hour needs a timestamp type, got {type}."),
        };
        const long MicrosPerHour = 3_600_000_000L;
        // Floor division: C#'s '/' truncates toward zero, which would put pre-1970 times into the wrong hour.
        var hours = micros / MicrosPerHour;
        return (int)(micros % MicrosPerHour < 0 ? hours - 1 : hours);
    }
}
