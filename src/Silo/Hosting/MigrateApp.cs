using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansMaestro.Silo.Database;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Hosting;

/// <summary><c>OrleansMaestro.Silo migrate [--connection CS]</c>: applies the PostgreSQL schema scripts the database lacks.</summary>
internal static class MigrateApp
{
    public const string ConnectionKey = $"{MaestroSiloOptions.Section}:Cluster:ConnectionString";

    public static async Task<int> RunAsync(string? connection, CancellationToken cancellationToken)
    {
        // The same configuration as the silo (appsettings.json, environment), so a configured cluster needs no option.
        var builder = SiloHostFactory.CreateBuilder();
        var connectionString = connection ?? builder.Configuration[ConnectionKey];
        var source = connection is null ? ConnectionKey : "--connection";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync($"error: {ConnectionKey} (or --connection) is required: the PostgreSQL database to migrate.");
            return SiloApp.BadConfiguration;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {source} is not a valid PostgreSQL connection string: {e.Message}");
            return SiloApp.BadConfiguration;
        }

        builder.Services.AddSingleton<PostgresSchemaMigrator>();
        using var host = builder.Build();
        return await TryMigrateAsync(host.Services.GetRequiredService<PostgresSchemaMigrator>(), connectionString, cancellationToken);
    }

    /// <summary>Migrates and prints what was done; the exit code is <see cref="SiloApp.Ok"/> or <see cref="SiloApp.Failed"/>.</summary>
    public static async Task<int> TryMigrateAsync(PostgresSchemaMigrator migrator, string connectionString, CancellationToken cancellationToken)
    {
        MigrationOutcome outcome;
        try
        {
            outcome = await migrator.MigrateAsync(connectionString, cancellationToken);
        }
        catch (SchemaMigrationException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return SiloApp.Failed;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"error: the schema migration could not use the database: {e.Message}");
            return SiloApp.Failed;
        }

        foreach (var id in outcome.Applied)
        {
            await Console.Out.WriteLineAsync($"applied {id}");
        }

        await Console.Out.WriteLineAsync(
            $"schema up to date: {outcome.Applied.Count} script(s) applied now, {outcome.AlreadyApplied.Count} before");
        return SiloApp.Ok;
    }
}
