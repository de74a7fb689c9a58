using System.Globalization;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Cli.Errors;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary>
/// Reads <c>--source TABLE:FROM..TO</c>: the snapshots of TABLE after FROM up to and including TO. FROM may be left out
/// (<c>TABLE:..TO</c>: from the table's first snapshot).
/// </summary>
public static class SourceRangeText
{
    public static SnapshotRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        var dots = colon < 0 ? -1 : text.IndexOf("..", colon, StringComparison.Ordinal);
        if (colon <= 0 || dots < 0)
        {
            throw Bad(text, "expected TABLE:FROM..TO, e.g. raw.events:4711..4790 (FROM may be left out: raw.events:..4790)");
        }

        var fromText = text[(colon + 1)..dots];
        var toText = text[(dots + 2)..];
        long? from = null;
        if (fromText.Length > 0)
        {
            from = long.TryParse(fromText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var f) ? f : throw Bad(text, $"FROM '{fromText}' is not a snapshot id");
        }

        if (!long.TryParse(toText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var to))
        {
            throw Bad(text, $"TO '{toText}' is not a snapshot id");
        }

        return new SnapshotRange { Table = text[..colon], FromExclusive = from, ToInclusive = to };
    }

    private static CliException Bad(string text, string why) => new(ExitCodes.BadInput, $"--source '{text}': {why}.");
}
