using System.CommandLine;
using OrleansMaestro.Cli.Settings;

namespace OrleansMaestro.Cli.Commands;

/// <summary>Options accepted by every command (recursive on the root), each with an environment variable fallback.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Catalog { get; } = new("--catalog")
    {
        Description = $"Catalog database: a SQLite file path, a PostgreSQL connection string (Host=...;...) or postgresql:// URI. Env: {EnvironmentVariables.Catalog}. Default: {CliSettingsResolver.DefaultCatalogFile}",
        Recursive = true,
    };

    public Option<string?> Warehouse { get; } = new("--warehouse")
    {
        Description = $"Where new tables' files go: a folder or s3://bucket/prefix. Env: {EnvironmentVariables.Warehouse}. Default: {CliSettingsResolver.DefaultWarehouse}",
        Recursive = true,
    };

    public Option<string?> CatalogName { get; } = new("--catalog-name")
    {
        Description = $"Catalog name (catalog_name column). Env: {EnvironmentVariables.CatalogName}. Default: {CliSettingsResolver.DefaultCatalogName}",
        Recursive = true,
    };

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The OrleansMaestro server of the workflow, run, signal and table list/get/lineage/refresh commands. Env: {EnvironmentVariables.Server}. Default: {ServerSettingsResolver.DefaultServer}",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"API key sent to the server (X-Api-Key). Env: {EnvironmentVariables.ApiKey}.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print the stack trace of an error.",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Catalog);
        command.Add(Warehouse);
        command.Add(CatalogName);
        command.Add(Server);
        command.Add(ApiKey);
        command.Add(Verbose);
    }
}
