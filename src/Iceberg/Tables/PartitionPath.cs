using System.Globalization;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// The <c>name=value/...</c> folder of a partition, with values in the human form Java's transforms print
/// (year 2017, month 2017-11, day 2017-11-16, hour 2017-11-16-22), URL-escaped.
/// </summary>
internal static class PartitionPath
{
    public static string For(PartitionSpec spec, StructValue partition)
    {
        if (spec.Fields.Count == 0)
        {
            return string.Empty;
        }

        return string.Join('/', spec.Fields.Select((f, i) => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(Human(f.Transform, partition[i]))}"));
    }

    private static string Human(Transform transform, object? value)
    {
        if (value is null)
        {
            return "null";
        }

        var name = transform.ToString();
        var epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return (name, value) switch
        {
            ("year", int years) => (1970 + years).ToString(CultureInfo.InvariantCulture),
            ("month", int months) => epoch.AddMonths(months).ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ("hour", int hours) => epoch.AddHours(hours).ToString("yyyy-MM-dd-HH", CultureInfo.InvariantCulture),
            (_, DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            (_, DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            (_, DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            (_, TimeOnly t) => t.ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            (_, byte[] b) => Convert.ToBase64String(b),
            (_, bool b) => b ? "true" : "false",
            (_, IFormattable f) => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "null",
        };
    }
}
