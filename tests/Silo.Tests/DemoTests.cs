namespace OrleansMaestro.Silo.Tests;

/// <summary>The README's main job: the silo with its live demo, as a real process on a fresh data folder.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_shows_commits_travelling_the_whole_pipeline_with_checked_aggregates_and_exits_0()
    {
        using var data = new DataFolder();
        var result = await SiloProcess.RunAsync(data.Path, null, "--demo", "--demo-duration", "25", "--data", data.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var chains = DemoOutput.Chains(result.Output);
        Assert.True(chains.Count > 0, $"no full propagation chain in the output:\n{result}");
        foreach (var chain in chains)
        {
            // Each hop is a measured delay; they add up (to rounding) to the end-to-end delay.
            Assert.All(chain.Hops, hop => Assert.InRange(hop, -1, 60_000));
            Assert.InRange(chain.EndToEnd - chain.Hops.Sum(), -4, 4);
        }

        Assert.NotEmpty(DemoOutput.ChecksOk(result.Output));
        Assert.DoesNotContain("MISMATCH", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", result.Output, StringComparison.Ordinal);
        Assert.Contains("-> PASS", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data.Path, "state.db")), "grain state lives in <data>/state.db");
        Assert.True(File.Exists(Path.Combine(data.Path, "catalog.db")), "the Iceberg catalog lives in <data>/catalog.db");
        Assert.True(Directory.Exists(Path.Combine(data.Path, "warehouse", "raw.db", "events")), "tables live in <data>/warehouse");
    }
}
