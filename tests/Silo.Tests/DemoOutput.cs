using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansMaestro.Silo.Tests;

/// <summary>Reads the demo's stdout lines: propagation chains, aggregate checks, workflow state lines.</summary>
public static partial class DemoOutput
{
    public static IReadOnlyList<Chain> Chains(string output) => ChainLine().Matches(output)
        .Select(m => new Chain(
            long.Parse(m.Groups["raw"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["agg"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["top"].Value, CultureInfo.InvariantCulture),
            [.. new[] { "d1", "d2", "d3", "d4" }.Select(g => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture))],
            int.Parse(m.Groups["total"].Value, CultureInfo.InvariantCulture)))
        .ToArray();

    /// <summary>The run numbers of the hourly-aggregate runs whose check printed OK.</summary>
    public static IReadOnlyList<long> ChecksOk(string output) => CheckLine().Matches(output)
        .Where(m => m.Groups["verdict"].Value == "OK")
        .Select(m => long.Parse(m.Groups["run"].Value, CultureInfo.InvariantCulture))
        .ToArray();

    /// <summary>The <c>state &lt;workflow&gt;: ...</c> lines.</summary>
    public static IReadOnlyList<string> StateLines(string output) =>
        output.Split('\n').Where(l => l.StartsWith("state ", StringComparison.Ordinal)).ToArray();

    /// <summary>One commit's way: raw snapshot, the runs it went through, the four hop delays and the end-to-end delay (ms).</summary>
    public sealed record Chain(long RawSnapshot, long AggregateRun, long TopRun, IReadOnlyList<int> Hops, int EndToEnd);

    [GeneratedRegex(@"^chain raw\.events@(?<raw>\d+) \+\d+ rows at \S+ -> hourly-aggregate run (?<agg>\d+) started \+(?<d1>-?\d+) ms -> agg\.event_counts@\d+ committed \+(?<d2>-?\d+) ms -> top-countries run (?<top>\d+) started \+(?<d3>-?\d+) ms -> agg\.top_countries@\d+ committed \+(?<d4>-?\d+) ms = (?<total>-?\d+) ms end to end$", RegexOptions.Multiline)]
    private static partial Regex ChainLine();

    [GeneratedRegex(@"^check hourly-aggregate run (?<run>\d+): .* recomputed: (?<verdict>OK|MISMATCH)", RegexOptions.Multiline)]
    private static partial Regex CheckLine();
}
