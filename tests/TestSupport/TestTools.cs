using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansMaestro.Testing;

/// <summary>The npm tools in tests/tools (s3rver, icebird, hyparquet-writer, avsc), installed on first use when the test script has not done it.</summary>
public static class TestTools
{
    private static readonly TimeSpan NpmInstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The path of an installed package's command (node_modules/.bin).</summary>
    public static string Binary(string name) => Path.Combine(RepoPaths.ToolsDirectory, "node_modules", ".bin", name);

    /// <summary>A file of tests/tools (e.g. a script run with node).</summary>
    public static string Script(string name) => Path.Combine(RepoPaths.ToolsDirectory, name);

    /// <summary>
    /// Every dependency of tests/tools/package.json is installed at its pinned version: a node_modules left from before a
    /// dependency was added or upgraded (hyparquet-writer was once only icebird's older copy) triggers an install.
    /// </summary>
    private static bool Installed
    {
        get
        {
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.ToolsDirectory, "package.json")));
            var dependencies = manifest?["dependencies"]?.AsObject() ?? [];
            return File.Exists(Binary("s3rver"))
                && dependencies.All(d => InstalledVersion(d.Key) == d.Value?.GetValue<string>());
        }
    }

    /// <summary>
    /// Runs <c>npm install</c> in tests/tools once when a tool (s3rver, icebird, hyparquet-writer, avsc) is missing. The lock is a file, so fixtures in parallel
    /// test classes and in other test processes wait for one install instead of racing on node_modules.
    /// </summary>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (Installed)
        {
            return;
        }

        var toolsDirectory = RepoPaths.ToolsDirectory;
        var lockName = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(toolsDirectory)))[..16];
        var lockPath = Path.Combine(Path.GetTempPath(), $"maestro-npm-install-{lockName}.lock");
        await using var fileLock = await AcquireFileLockAsync(lockPath, cancellationToken);
        if (Installed)
        {
            return;
        }

        var startInfo = new ProcessStartInfo("npm")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = toolsDirectory,
        };
        startInfo.ArgumentList.Add("install");
        startInfo.ArgumentList.Add("--no-audit");
        startInfo.ArgumentList.Add("--no-fund");
        using var npm = Process.Start(startInfo)
            ?? throw new InvalidOperationException("Could not start npm; install Node.js and npm.");
        var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(NpmInstallTimeout);
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm install in {toolsDirectory} did not finish within {NpmInstallTimeout}.");
        }

        if (npm.ExitCode != 0 || !Installed)
        {
            throw new InvalidOperationException(
                $"npm install in {toolsDirectory} failed (exit {npm.ExitCode}) or did not install the tools:\n{await stdout}\n{await stderr}");
        }
    }

    private static string? InstalledVersion(string package)
    {
        var path = Path.Combine(RepoPaths.ToolsDirectory, "node_modules", package, "package.json");
        return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?["version"]?.GetValue<string>() : null;
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                // FileShare.None: the OS refuses a second open until the holder disposes the stream, even across processes.
                // The lock file is left behind on purpose: deleting it on close would let two waiters lock two different files.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
