using System.Diagnostics;
using System.Text;

namespace OrleansMaestro.Client.Tests.EndToEnd;

/// <summary>Runs a built .NET program or the dotnet CLI as a process and collects what it wrote.</summary>
internal static class DotnetProgram
{
    /// <summary>The configuration this test assembly was built in (bin/&lt;Configuration&gt;/net10.0).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string SampleDll()
    {
        var dll = Path.Combine(RepoPaths.Root, "samples", "SdkSample", "bin", Configuration, "net10.0", "OrleansMaestro.Samples.SdkSample.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The SDK sample is not built: {dll}", dll);
    }

    public static async Task<SiloResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Settings of the caller must not leak into the program under test.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Maestro__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Sample__", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var errors = new StringBuilder();
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => { lock (gate) { output.Append(e.Data).Append('\n'); } };
        process.ErrorDataReceived += (_, e) => { lock (gate) { errors.Append(e.Data).Append('\n'); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not end within {timeout}: stdout:\n{output}\nstderr:\n{errors}");
        }

        process.WaitForExit();
        lock (gate)
        {
            return new SiloResult(process.ExitCode, output.ToString(), errors.ToString());
        }
    }
}
