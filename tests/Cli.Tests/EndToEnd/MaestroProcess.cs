using System.Diagnostics;

namespace OrleansMaestro.Cli.Tests.EndToEnd;

/// <summary>
/// Runs the built <c>maestro</c> (src/Cli/bin/&lt;Configuration&gt;/net10.0/maestro.dll, the configuration of this
/// test assembly) as a real process in a working directory, with no MAESTRO_* variables inherited from the caller.
/// </summary>
public sealed class MaestroProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public MaestroProcess(string workingDirectory)
    {
        WorkingDirectory = workingDirectory;
    }

    public string WorkingDirectory { get; }

    public Dictionary<string, string> Environment { get; } = [];

    public static string MaestroDll()
    {
        // The test assembly lives in tests/Cli.Tests/bin/<Configuration>/net10.0/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "src", "Cli", "bin", configuration, "net10.0", "maestro.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"maestro is not built: {dll}", dll);
    }

    public async Task<MaestroResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(MaestroDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MAESTRO_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"maestro {string.Join(' ', args)} did not finish within {Timeout}.");
        }

        return new MaestroResult(process.ExitCode, (await stdout).Replace("\r\n", "\n", StringComparison.Ordinal), await stderr);
    }
}
