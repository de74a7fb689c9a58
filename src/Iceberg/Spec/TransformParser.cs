using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>Parses transform names of the spec ("Partition Transforms"); names it does not know become <see cref="UnknownTransform"/>.</summary>
internal static partial class TransformParser
{
    public static Transform Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        switch (t)
        {
            case "identity": return IdentityTransform.Instance;
            case "void": return VoidTransform.Instance;
            case "year": return YearTransform.Instance;
            case "month": return MonthTransform.Instance;
            case "day": return DayTransform.Instance;
            case "hour": return HourTransform.Instance;
            case "":
                throw new FormatException("Empty partition transform name.");
        }

        var m = ParameterizedPattern().Match(t);
        if (t is "bucket" or "truncate" || t.StartsWith("bucket[", StringComparison.Ordinal) || t.StartsWith("truncate[", StringComparison.Ordinal))
        {
            if (!m.Success || !int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                throw new FormatException($"Malformed partition transform '{text}': expected bucket[N] or truncate[W] with a positive integer.");
            }

            return m.Groups[1].Value == "bucket" ? new BucketTransform(n) : new TruncateTransform(n);
        }

        // Newer writers may use transforms we do not know; keep the name so the metadata round-trips.
        return new UnknownTransform(t);
    }

    [GeneratedRegex(@"^(bucket|truncate)\[\s*(\d+)\s*\]$")]
    private static partial Regex ParameterizedPattern();
}
