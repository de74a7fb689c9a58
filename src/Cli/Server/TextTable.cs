using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansMaestro.Cli.Server;

/// <summary>Draws rows of text as a table (the <c>table</c> output of the server commands).</summary>
public static class TextTable
{
    public static Table Build(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var row in rows)
        {
            // Text, not Markup: ids, errors and SQL may contain '[' which markup would interpret.
            table.AddRow(row.Select(v => (IRenderable)new Text(v ?? "")).ToArray());
        }

        return table;
    }

    public static void Write(ServerSession session, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Console().Write(Build(headers, rows));
    }

    public static string Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is null || end is null)
        {
            return "";
        }

        var span = end.Value - start.Value;
        return span.TotalSeconds < 60
            ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
            : span.ToString(span.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
    }

    public static string List(IEnumerable<string>? items) => string.Join(", ", items ?? []);

    /// <summary>A time of today's runs and steps, short: <c>HH:mm:ss</c> (UTC).</summary>
    public static string Clock(DateTimeOffset? time) => time?.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    /// <summary><c>sequential</c>, <c>parallel(4)</c>, ...: the strategy as the definition file writes its kind.</summary>
    public static string Strategy(Abstractions.Definitions.RunStrategy? strategy) => strategy is null
        ? ""
        : char.ToLowerInvariant(strategy.Kind.ToString()[0]) + strategy.Kind.ToString()[1..]
          + (strategy.Kind == Abstractions.Definitions.RunStrategyKind.Parallel ? $"({strategy.MaxParallel.ToString(CultureInfo.InvariantCulture)})" : "");

    /// <summary>
    /// An error in a table cell: on one line and at most <paramref name="max"/> characters (the full text is in
    /// <c>run get</c>'s header line and in the JSON output).
    /// </summary>
    public static string Short(string? error, int max = 60)
    {
        if (error is null)
        {
            return "";
        }

        var line = string.Join(' ', error.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
