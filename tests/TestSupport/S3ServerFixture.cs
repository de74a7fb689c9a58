using System.Collections.Concurrent;
using System.Diagnostics;
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
        await TestTools.EnsureInstalledAsync(CancellationToken.None);
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

    private static string S3rverBinary => TestTools.Binary("s3rver");

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
