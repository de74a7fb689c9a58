using System.Diagnostics;

namespace OrleansMaestro.Testing;

/// <summary>Runs a script of tests/tools with node (installing the tools first) and returns what it printed.</summary>
public static class NodeScript
{
    /// <summary>
    /// Runs <c>node tests/tools/<paramref name="script"/> arguments…</c> in tests/tools and returns its standard output.
    /// A non-zero exit throws with the script's standard error; the process tree is killed after <paramref name="timeout"/>.
    /// </summary>
    /// <param name="what">What the script does, for error messages (e.g. "icebird reading t/metadata/v1.metadata.json").</param>
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, string what, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        await TestTools.EnsureInstalledAsync(cancellationToken);
        var startInfo = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.ToolsDirectory,
        };
        startInfo.ArgumentList.Add(TestTools.Script(script));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var node = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node; install Node.js.");
        var stdout = node.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = node.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await node.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish within {timeout}.");
        }

        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed (exit {node.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
