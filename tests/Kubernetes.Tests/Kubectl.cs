using System.Diagnostics;

namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>Runs <c>kubectl kustomize</c> (offline: it only reads the folders) to render an overlay as the cluster would get it.</summary>
internal static class Kubectl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// kubectl from PATH, else the copy scripts/install-kubectl.sh puts in tests/tools/.kubectl; a clear failure
    /// otherwise (these tests must not pass without rendering anything).
    /// </summary>
    public static string Path => Found.Value;

    private static readonly Lazy<string> Found = new(Find);

    public static async Task<string> KustomizeAsync(string directory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Path}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl kustomize {directory} took longer than {Timeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }

    private static string Find()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(System.IO.Path.Combine(RepoPaths.ToolsDirectory, ".kubectl"))
            .Select(dir => System.IO.Path.Combine(dir, "kubectl"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "kubectl is not on PATH (nor in tests/tools/.kubectl): the manifest tests render the overlays with "
                + "`kubectl kustomize`. Install kubectl >= 1.27, or run `export PATH=\"$(scripts/install-kubectl.sh):$PATH\"`.");
    }
}
