using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// Reads a <see cref="CronTrigger.Cron"/> the one way the validator and the scheduler share: 5 fields (minute first),
/// 6 fields (seconds first), or a macro such as <c>@daily</c>.
/// </summary>
public static class CronExpressions
{
    /// <summary>Throws <see cref="FormatException"/> with the reason when <paramref name="cron"/> does not parse.</summary>
    public static CronExpression Parse(string cron) =>
        TryParse(cron, out var expression, out var error) ? expression : throw new FormatException($"'{cron}' is not a cron expression: {error}");

    public static bool TryParse(string cron, [NotNullWhen(true)] out CronExpression? expression, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(cron);
        expression = null;
        var fields = cron.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        CronFormat? format = fields switch
        {
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            1 when cron.TrimStart().StartsWith('@') => CronFormat.Standard,
            _ => null,
        };
        if (format is null)
        {
            error = $"expected 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), got {fields}.";
            return false;
        }

        try
        {
            expression = CronExpression.Parse(cron.Trim(), format.Value);
            error = null;
            return true;
        }
        catch (CronFormatException e)
        {
            error = e.Message;
            return false;
        }
    }
}
