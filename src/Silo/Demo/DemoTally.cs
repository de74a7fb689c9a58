using System.Globalization;

namespace OrleansMaestro.Silo.Demo;

/// <summary>What the demo observed, and whether that counts as a pass.</summary>
internal sealed class DemoTally
{
    public int Commits { get; set; }

    /// <summary>End-to-end delay (raw commit to agg.top_countries commit) of each full chain, in ms.</summary>
    public List<double> EndToEndMs { get; } = [];

    public int ChecksOk { get; set; }

    public int Mismatches { get; set; }

    public int FailedRuns { get; set; }

    public int SupersededRuns { get; set; }

    /// <summary>
    /// Passed: at least one commit travelled the whole pipeline, at least one aggregate was checked against the
    /// recompute, and nothing went wrong. Commits still under way when the demo ends neither pass nor fail it.
    /// </summary>
    public bool Passed => EndToEndMs.Count > 0 && ChecksOk > 0 && Mismatches == 0 && FailedRuns == 0;

    public string Describe(int pending)
    {
        var chains = EndToEndMs.Count == 0
            ? "0 full chains"
            : string.Create(CultureInfo.InvariantCulture, $"{EndToEndMs.Count} full chains (end to end median {Median(EndToEndMs):0} ms, max {EndToEndMs.Max():0} ms)");
        return string.Create(CultureInfo.InvariantCulture,
            $"{Commits} commits, {chains}, {pending} still under way, {ChecksOk} aggregate checks OK, {Mismatches} mismatches, {FailedRuns} failed runs, {SupersededRuns} superseded runs");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
