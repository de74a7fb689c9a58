using System.Diagnostics;
using System.Text;

namespace OrleansMaestro.Testing;

/// <summary>
/// The built silo (src/Silo/bin/&lt;Configuration&gt;/net10.0/OrleansMaestro.Silo.dll, the configuration of this test
/// assembly) as a real process, on free loopback ports, with no Maestro__* settings inherited from the caller.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();
    private readonly Lock _gate = new();

    private SiloProcess(Process process, int httpPort)
    {
        _process = process;
        HttpPort = httpPort;
    }

    /// <summary>The loopback port of the silo's HTTP API (unless the caller's settings chose another).</summary>
    public int HttpPort { get; }

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}/");

    public static string SiloDll()
    {
        // The test assembly lives in tests/Silo.Tests/bin/<Configuration>/net10.0/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "src", "Silo", "bin", configuration, "net10.0", "OrleansMaestro.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"The silo is not built: {dll}", dll);
    }

    /// <summary>Starts the silo in <paramref name="workingDirectory"/> with fresh ports and the given extra settings.</summary>
    public static SiloProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SiloDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Maestro__", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(key);
        }

        start.Environment["Maestro__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Maestro__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Maestro__Http__Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var httpPort = int.Parse(start.Environment["Maestro__Http__Port"]!, System.Globalization.CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(process, httpPort);
        process.OutputDataReceived += (_, e) => silo.Append(silo._output, e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(silo._errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Runs the silo to its end (e.g. <c>--demo --demo-duration N</c>, <c>--print-state</c>, a bad setting).</summary>
    public static async Task<SiloResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        await using var silo = Start(workingDirectory, environment, args);
        return await silo.WaitForExitAsync();
    }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_gate)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Waits until stdout or stderr holds <paramref name="text"/> (fails if the process ends first).</summary>
    public async Task WaitForTextAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal) && !Errors.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo ended before writing '{text}': {await WaitForExitAsync()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The silo did not write '{text}' within {timeout}: stdout:\n{Output}\nstderr:\n{Errors}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until <c>/health/ready</c> answers 200 (fails if the process ends first or <paramref name="timeout"/>
    /// passes).
    /// </summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = HttpAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo ended at start-up: {await WaitForExitAsync()}");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The silo was not ready within {timeout}: stdout:\n{Output}\nstderr:\n{Errors}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Runs the silo's demo for a second on <paramref name="dataPath"/>, so its data folder holds the demo's source
    /// table <c>raw.events</c> (the API cannot create a table, and a SQL step needs one to read).
    /// </summary>
    public static async Task CreateDemoTablesAsync(string dataPath, IReadOnlyDictionary<string, string>? environment)
    {
        var demo = await RunAsync(dataPath, environment, "--demo", "--demo-duration", "1", "--data", dataPath);
        if (!demo.Output.Contains("table raw.events created", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The demo did not create raw.events: {demo}");
        }
    }

    /// <summary>Asks the silo to stop as Ctrl+C or a container stop would (SIGTERM) and waits for it to end.</summary>
    public async Task<SiloResult> StopGracefullyAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync();
    }

    /// <summary>Ends the process at once (SIGKILL, as <c>kill -9</c>): no shutdown, no goodbye to the cluster.</summary>
    public async Task<SiloResult> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        return await WaitForExitAsync();
    }

    public bool HasExited => _process.HasExited;

    public async Task<SiloResult> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The silo did not end within {Timeout}: stdout:\n{Output}\nstderr:\n{Errors}");
        }

        _process.WaitForExit(); // flushes the asynchronous output readers
        return new SiloResult(_process.ExitCode, Output, Errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.Append(line).Append('\n');
        }
    }
}
