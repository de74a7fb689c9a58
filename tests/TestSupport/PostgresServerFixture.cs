using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace OrleansMaestro.Testing;

/// <summary>
/// A throwaway PostgreSQL server: initdb into a temp folder, started on 127.0.0.1 and a free port, stopped and deleted
/// on dispose. Each test class asks for its own database with <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private const string SuperUser = "postgres";
    public const string InstallHint = "Install PostgreSQL with: apt-get install -y postgresql";

    // initdb and pg_ctl refuse to run as root; as root we run them as the OS user 'postgres' instead.
    private readonly bool _runAsPostgresUser = Environment.UserName == "root";
    private string _binDir = string.Empty;
    private string _rootDir = string.Empty;

    public int Port { get; private set; }

    /// <summary>
    /// Keeps PostgreSQL's durable defaults (fsync on) instead of the tests' fsync=off: for benchmarks whose point is
    /// the cost of durable writes.
    /// </summary>
    public bool Durable { get; init; }

    /// <summary>The server's max_connections (several silos' connection pools need room).</summary>
    public int MaxConnections { get; init; } = 200;

    private string DataDir => Path.Combine(_rootDir, "data");

    private string SocketDir => Path.Combine(_rootDir, "sock");

    private string LogFile => Path.Combine(_rootDir, "server.log");

    /// <summary>
    /// Connection string of the <c>postgres</c> maintenance database. Unpooled: a pooled connection would be dead after
    /// <see cref="RestartAsync"/>, and the fixture should not need retries of its own.
    /// </summary>
    public string AdminConnectionString => ConnectionStringFor("postgres", pooling: false);

    public async Task InitializeAsync()
    {
        _binDir = FindBinDir() ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. {InstallHint}");

        _rootDir = Directory.CreateTempSubdirectory("maestro-pg-").FullName;
        Directory.CreateDirectory(SocketDir);
        if (_runAsPostgresUser)
        {
            await RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", _rootDir], asPostgres: false, CancellationToken.None);
        }

        // --no-sync: a test server's data does not need to survive an OS crash, and fsync is slow on CI disks.
        await RunAsync(Path.Combine(_binDir, "initdb"),
            ["-D", DataDir, "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--no-sync"], asPostgres: true, CancellationToken.None);

        // The port is free when probed but could be taken before the server binds it; try a few ports.
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreePort();
            try
            {
                await RunAsync(Path.Combine(_binDir, "pg_ctl"),
                    ["-D", DataDir, "-l", LogFile, "-w", "-t", "60",
                     "-o", $"-p {Port} -k {SocketDir} -c listen_addresses=127.0.0.1 -c max_connections={MaxConnections}{(Durable ? string.Empty : " -c fsync=off")}",
                     "start"],
                    asPostgres: true, CancellationToken.None);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }

        await WaitUntilReadyAsync(CancellationToken.None);
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // Identifiers cannot be parameters; the name is generated above, never user input.
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return ConnectionStringFor(name, pooling: true);
    }

    /// <summary>Restarts the server (pg_ctl restart, fast mode): open connections are cut, as in a real outage.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDir, "-l", LogFile, "-w", "-t", "60", "-m", "fast", "restart"],
            asPostgres: true, cancellationToken);
        await WaitUntilReadyAsync(cancellationToken);
    }

    public async Task DisposeAsync()
    {
        if (_rootDir.Length == 0)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
            {
                await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDir, "-w", "-m", "immediate", "stop"],
                    asPostgres: true, CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(_rootDir, recursive: true);
        }
    }

    private string ConnectionStringFor(string database, bool pooling) => new NpgsqlConnectionStringBuilder
    {
        Pooling = pooling,
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Timeout = 5,
    }.ConnectionString;

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        // pg_ctl -w already waits, but the server may still refuse TCP connections for a moment while it finishes recovery.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>The folder holding initdb and pg_ctl (the newest /usr/lib/postgresql/*/bin, else PATH), or null.</summary>
    public static string? FindBinDir()
    {
        const string versionsRoot = "/usr/lib/postgresql";
        if (Directory.Exists(versionsRoot))
        {
            var newest = Directory.GetDirectories(versionsRoot)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && _runAsPostgresUser)
        {
            startInfo.FileName = "runuser";
            foreach (var argument in (string[])["-u", SuperUser, "--", fileName])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }
        else
        {
            startInfo.FileName = fileName;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}. {InstallHint}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : string.Empty;
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}\n{log}");
        }
    }
}
