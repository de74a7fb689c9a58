using System.Reflection;
using System.Text;
using Npgsql;
using OrleansMaestro.Testing;

namespace OrleansMaestro.Cluster.Bench;

/// <summary>
/// The tests' throwaway PostgreSQL server (<see cref="PostgresServerFixture"/>), kept durable (fsync on, as by
/// default) because the point is the cost of durable writes, with room for three silos' pools; plus databases with the
/// cluster profile's schema.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private readonly PostgresServerFixture _server = new() { Durable = true, MaxConnections = 300 };

    public string Version { get; private set; } = string.Empty;

    public static async Task<BenchPostgres> StartAsync(CancellationToken cancellationToken)
    {
        var postgres = new BenchPostgres();
        try
        {
            await postgres._server.InitializeAsync();
            await using var connection = new NpgsqlConnection(postgres._server.AdminConnectionString);
            await connection.OpenAsync(cancellationToken);
            postgres.Version = connection.PostgreSqlVersion.ToString();
            return postgres;
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a database with the cluster profile's schema (the silo's scripts, in order) and returns its connection string.</summary>
    public async Task<string> CreateClusterDatabaseAsync(CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await _server.CreateDatabaseAsync(cancellationToken))
        {
            Timeout = 15,
            MaxPoolSize = 200,
        }.ConnectionString;
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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.DisposeAsync();
    }
}
