using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Npgsql;

namespace OrleansMaestro.Cluster.Bench;

/// <summary>
/// A throwaway PostgreSQL server, as the tests start one (tests/TestSupport/PostgresServerFixture.cs): initdb into a
/// temp folder, started on 127.0.0.1 and a free port, stopped and deleted on dispose. As root, initdb and pg_ctl run
/// as the OS user 'postgres' (they refuse root).
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    public const string InstallHint = "Install PostgreSQL with: apt-get install -y postgresql";

    private readonly bool _runAsPostgresUser = Environment.UserName == "root";
    private readonly string _binDir;
    private readonly string _rootDir;

    private BenchPostgres(string binDir, string rootDir)
    {
        _binDir = binDir;
        _rootDir = rootDir;
    }

    public int Port { get; private set; }

    public string Version { get; private set; } = string.Empty;

    private string DataDir => Path.Combine(_rootDir, "data");

    private string SocketDir => Path.Combine(_rootDir, "sock");

    private string LogFile => Path.Combine(_rootDir, "server.log");

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

    public static async Task<BenchPostgres> StartAsync(string binDir, CancellationToken cancellationToken)
    {
        var server = new BenchPostgres(binDir, Directory.CreateTempSubdirectory("maestro-bench-pg-").FullName);
        try
        {
            await server.InitializeAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(SocketDir);
        if (_runAsPostgresUser)
        {
            await RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", _rootDir], asPostgres: false, cancellationToken);
        }

        await RunAsync(Path.Combine(_binDir, "initdb"),
            ["-D", DataDir, "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--no-sync"], asPostgres: true, cancellationToken);

        // Durability settings stay at PostgreSQL's defaults (fsync and synchronous_commit on): the point is the cost of
        // durable writes. max_connections leaves room for three silos' pools.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                await RunAsync(Path.Combine(_binDir, "pg_ctl"),
                    ["-D", DataDir, "-l", LogFile, "-w", "-t", "60",
                     "-o", $"-p {Port} -k {SocketDir} -c listen_addresses=127.0.0.1 -c max_connections=300",
                     "start"],
                    asPostgres: true, cancellationToken);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // the probed port was taken before the server bound it
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
                await connection.OpenAsync(cancellationToken);
                Version = connection.PostgreSqlVersion.ToString();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>Creates a database with the cluster profile's schema (the silo's scripts, in order) and returns its connection string.</summary>
    public async Task<string> CreateClusterDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres", pooling: false)))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = ConnectionString(name, pooling: true);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var (id, sql) in SchemaScripts())
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = new NpgsqlCommand(sql, connection, transaction))
            {
                command.CommandTimeout = 300;
                try
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException e)
                {
                    throw new InvalidOperationException($"schema script {id} failed: {e.MessageText}", e);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return connectionString;
    }

    /// <summary>The scripts src/Silo/Database/PostgreSQL/*.sql, embedded in this assembly, in file-name order.</summary>
    public static IReadOnlyList<(string Id, string Sql)> SchemaScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Schema.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!, Encoding.UTF8);
                return (n["Schema.".Length..^".sql".Length], reader.ReadToEnd());
            })
            .ToList();
        return scripts.Count > 0 ? scripts : throw new InvalidOperationException("no schema scripts are embedded in the benchmark");
    }

    private string ConnectionString(string database, bool pooling) => new NpgsqlConnectionStringBuilder
    {
        Pooling = pooling,
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Timeout = 15,
        MaxPoolSize = 200,
    }.ConnectionString;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
            {
                await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDir, "-w", "-m", "fast", "stop"], asPostgres: true, CancellationToken.None);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_rootDir, recursive: true);
            }
            catch (IOException)
            {
                // leaves a temp folder behind
            }
        }
    }

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}. {InstallHint}");
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
