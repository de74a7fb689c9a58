namespace OrleansMaestro.Silo.Tests;

/// <summary>Workflows, watermarks and run counters live in the SQLite grain state: they survive a restart of the process.</summary>
public sealed class RestartTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Workflows_and_watermarks_survive_a_restart_and_runs_continue_their_numbering()
    {
        using var data = new DataFolder();
        var first = await SiloProcess.RunAsync(data.Path, null, "--demo", "--demo-duration", "15", "--data", data.Path);
        Assert.True(first.ExitCode == 0, first.ToString());
        var stateBefore = DemoOutput.StateLines(first.Output);
        Assert.Equal(2, stateBefore.Count);
        Assert.All(stateBefore, line => Assert.Contains("watermarks ", line, StringComparison.Ordinal));
        Assert.DoesNotContain(stateBefore, line => line.EndsWith("watermarks none", StringComparison.Ordinal));

        // A plain silo on the same folder reactivates both stored workflows, then stops gracefully on SIGTERM.
        await using (var silo = SiloProcess.Start(data.Path, null, "--data", data.Path))
        {
            await silo.WaitForTextAsync("Reactivated 2 of 2 stored workflows", StartTimeout);
            var stopped = await silo.StopGracefullyAsync();
            Assert.True(stopped.ExitCode == 0, stopped.ToString());
        }

        // Another restart reports the state the demo ended with: exactly, when nothing was under way at its end (else
        // the plain silo above may have finished that work, and only the definitions are sure to be the same).
        var printed = await SiloProcess.RunAsync(data.Path, null, "--print-state", "--data", data.Path);
        Assert.True(printed.ExitCode == 0, printed.ToString());
        var stateAfter = DemoOutput.StateLines(printed.Output);
        if (first.Output.Contains(", 0 still under way,", StringComparison.Ordinal))
        {
            Assert.Equal(stateBefore, stateAfter);
        }
        else
        {
            Assert.Equal(stateBefore.Select(l => l[..l.IndexOf(", last run", StringComparison.Ordinal)]), stateAfter.Select(l => l[..l.IndexOf(", last run", StringComparison.Ordinal)]));
        }

        // And the pipeline carries on where it stopped: the existing definitions are kept and run numbers continue.
        var second = await SiloProcess.RunAsync(data.Path, null, "--demo", "--demo-duration", "15", "--data", data.Path);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("workflow hourly-aggregate already stored (version 1)", second.Output, StringComparison.Ordinal);
        var chains = DemoOutput.Chains(second.Output);
        Assert.NotEmpty(chains);
        var lastAggregateRun = long.Parse(StateValue(stateAfter.Single(l => l.StartsWith("state hourly-aggregate:", StringComparison.Ordinal)), "last run"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(lastAggregateRun + 1, chains.Min(c => c.AggregateRun));
    }

    /// <summary>The value after <c>name </c> in a state line, e.g. <c>last run 7</c> gives <c>7</c>.</summary>
    private static string StateValue(string line, string name)
    {
        var start = line.IndexOf(name + " ", StringComparison.Ordinal) + name.Length + 1;
        var end = line.IndexOf(',', start);
        return line[start..end];
    }
}
