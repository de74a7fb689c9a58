using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Testing;

/// <summary>
/// A real s3rver (S3-compatible server, from tests/tools) on 127.0.0.1, a free port and a temp data folder, with one
/// bucket. Use as <c>IClassFixture&lt;S3ServerFixture&gt;</c> or in a collection fixture. <see cref="StopAsync"/> and
/// <see cref="StartAsync"/> take the server down and bring it back on the same port and data, for outage tests.
/// </summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    /// <summary>s3rver accepts any signature made with these keys.</summary>
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    private const int MaxOutputLines = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan NpmInstallTimeout = TimeSpan.FromMinutes(5);

    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private Process? _process;

    public string BucketName { get; } = "warehouse";

    public int Port { get; private set; }

    public string DataDirectory { get; private set; } = string.Empty;

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Options that reach this server: path-style addressing, no aws-chunked framing (s3rver would store it), its dummy keys.</summary>
    public S3FileIOOptions CreateOptions() => new()
    {
        ServiceUrl = ServiceUrl,
        Region = "us-east-1",
        ForcePathStyle = true,
        UseChunkEncoding = false,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
    };

    /// <summary>A new S3 file IO on this server; the caller disposes it.</summary>
    public S3FileIO CreateFileIO() => new(CreateOptions());

    /// <summary><c>s3://bucket/key</c> in this server's bucket.</summary>
    public string Location(string key) => $"s3://{BucketName}/{key.TrimStart('/')}";

    public async Task InitializeAsync()
    {
        await EnsureInstalledAsync(CancellationToken.None);
        DataDirectory = Directory.CreateTempSubdirectory("maestro-s3rver-").FullName;

        // A free port can be taken by someone else before s3rver binds it; a fresh port fixes that.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            try
            {
                await StartAsync(CancellationToken.None);
                return;
            }
            catch (InvalidOperationException) when (attempt < 5 && OutputText().Contains("EADDRINUSE", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>Starts the server (again) on the same port and data folder; returns once it answers HTTP requests.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        _output.Clear();
        var startInfo = new ProcessStartInfo(S3rverBinary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.ToolsDirectory,
        };
        foreach (var arg in new[]
                 {
                     "--address", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--directory", DataDirectory, "--silent", "--configure-bucket", BucketName,
                 })
        {
            startInfo.ArgumentList.Add(arg);
        }

        // s3rver 3.7's dependencies use crypto that newer Node/OpenSSL versions only offer through the legacy provider.
        startInfo.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"s3rver exited with code {process.ExitCode} while starting on port {Port}:\n{OutputText()}");
                }

                try
                {
                    // Any HTTP answer (even an error for the unsigned request) means the server is listening.
                    using var response = await _probe.GetAsync(new Uri(ServiceUrl + "/"), timeout.Token);
                    return;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!timeout.IsCancellationRequested)
                {
                    // The probe's own timeout; the server may still be starting.
                }

                await Task.Delay(100, timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None);
            throw new InvalidOperationException($"s3rver did not answer on {ServiceUrl} within {StartTimeout}:\n{OutputText()}");
        }
        catch
        {
            await StopAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Kills the server (and anything it started); the data folder and port are kept for <see cref="StartAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(cancellationToken);
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _probe.Dispose();
        if (DataDirectory.Length != 0 && Directory.Exists(DataDirectory))
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; failing the test run over it is not worth it.
            }
        }
    }

    private static string S3rverBinary => Path.Combine(RepoPaths.ToolsDirectory, "node_modules", ".bin", "s3rver");

    /// <summary>
    /// Runs <c>npm install</c> in tests/tools once when s3rver is missing. The lock is a file, so fixtures in parallel
    /// test classes and in other test processes wait for one install instead of racing on node_modules.
    /// </summary>
    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(S3rverBinary))
        {
            return;
        }

        var toolsDirectory = RepoPaths.ToolsDirectory;
        var lockName = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(toolsDirectory)))[..16];
        var lockPath = Path.Combine(Path.GetTempPath(), $"maestro-npm-install-{lockName}.lock");
        await using var fileLock = await AcquireFileLockAsync(lockPath, cancellationToken);
        if (File.Exists(S3rverBinary))
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

        if (npm.ExitCode != 0 || !File.Exists(S3rverBinary))
        {
            throw new InvalidOperationException(
                $"npm install in {toolsDirectory} failed (exit {npm.ExitCode}) or did not install s3rver:\n{await stdout}\n{await stderr}");
        }
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

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > MaxOutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private string OutputText() => string.Join('\n', _output);
}
