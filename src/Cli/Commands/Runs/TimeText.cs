using System.Globalization;
using System.Text.RegularExpressions;
using OrleansMaestro.Cli.Errors;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary>
/// Reads <c>--since</c>/<c>--until</c>: an ISO 8601 instant (<c>2026-12-01T08:00:00Z</c>; without an offset it is UTC;
/// a date alone is its midnight UTC) or an age before now (<c>90s</c>, <c>30m</c>, <c>2h</c>, <c>7d</c>).
/// </summary>
public static partial class TimeText
{
    public static DateTimeOffset? Parse(string option, string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var age = AgePattern().Match(text.Trim());
        if (age.Success)
        {
            var amount = int.Parse(age.Groups[1].Value, CultureInfo.InvariantCulture);
            var span = age.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
            return now - span;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        throw new CliException(ExitCodes.BadInput, $"{option} '{text}': expected an ISO 8601 time such as 2026-12-01T08:00:00Z or an age such as 30m, 2h, 7d.");
    }

    [GeneratedRegex(@"^(\d{1,6})([smhd])$")]
    private static partial Regex AgePattern();
}
