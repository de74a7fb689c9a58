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
}
