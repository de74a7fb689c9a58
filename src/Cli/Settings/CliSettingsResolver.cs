using Npgsql;
using OrleansMaestro.Cli.Errors;

namespace OrleansMaestro.Cli.Settings;

/// <summary>
/// Resolves <see cref="CliSettings"/>: an option given on the command line wins over its environment variable,
/// which wins over the default. Relative local paths are made absolute against the working directory, because
/// the catalog stores absolute metadata locations that must stay valid from any directory.
/// </summary>
public static class CliSettingsResolver
{
    public const string DefaultCatalogFile = ".maestro/catalog.db";
    public const string DefaultWarehouse = ".maestro/warehouse";
    public const string DefaultCatalogName = "maestro";

    public static CliSettings Resolve(
        string? catalogOption,
        string? warehouseOption,
        string? catalogNameOption,
        Func<string, string?> environment,
        string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(currentDirectory);
        var catalog = First(catalogOption, environment(EnvironmentVariables.Catalog)) ?? DefaultCatalogFile;
        var warehouse = First(warehouseOption, environment(EnvironmentVariables.Warehouse)) ?? DefaultWarehouse;
        var catalogName = First(catalogNameOption, environment(EnvironmentVariables.CatalogName)) ?? DefaultCatalogName;

        var (kind, connection) = ResolveCatalog(catalog, currentDirectory);
        return new CliSettings
        {
            CatalogKind = kind,
            CatalogConnection = connection,
            Warehouse = ResolveWarehouse(warehouse, currentDirectory),
            CatalogName = catalogName,
            S3 = new S3Settings
            {
                Endpoint = Blank(environment(EnvironmentVariables.S3Endpoint)),
                Region = Blank(environment(EnvironmentVariables.S3Region)),
                AccessKey = Blank(environment(EnvironmentVariables.S3AccessKey)),
                SecretKey = Blank(environment(EnvironmentVariables.S3SecretKey)),
                PathStyle = ParseBool(EnvironmentVariables.S3PathStyle, environment(EnvironmentVariables.S3PathStyle)),
                ChunkEncoding = ParseBool(EnvironmentVariables.S3ChunkEncoding, environment(EnvironmentVariables.S3ChunkEncoding)),
            },
        };
    }

    /// <summary>Whether a location is an object-store URI rather than a local path.</summary>
    public static bool IsS3(string location) =>
        location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("s3a://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Makes a local path (or <c>file:</c> URI) absolute; leaves <c>s3://</c> URIs alone.</summary>
    public static string ResolveLocation(string location, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (IsS3(location))
        {
            return location;
        }

        if (location.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return new Uri(location).LocalPath;
        }

        return Path.GetFullPath(location, currentDirectory);
    }

    internal static (CatalogKind Kind, string Connection) ResolveCatalog(string catalog, string currentDirectory)
    {
        if (catalog.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || catalog.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return (CatalogKind.Postgres, PostgresUriToConnectionString(catalog));
        }

        // A connection string is a list of key=value pairs; a file path practically never contains both '=' and 'host'.
        if (catalog.Contains('=', StringComparison.Ordinal) && catalog.Contains("host", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return (CatalogKind.Postgres, new NpgsqlConnectionStringBuilder(catalog).ConnectionString);
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.BadInput, $"--catalog: '{Redact(catalog)}' is not a valid PostgreSQL connection string: {e.Message}", e);
            }
        }

        return (CatalogKind.Sqlite, Path.GetFullPath(catalog, currentDirectory));
    }

    /// <summary>Turns <c>postgresql://user:password@host:port/database?key=value</c> (libpq's URI form) into an Npgsql connection string.</summary>
    internal static string PostgresUriToConnectionString(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            throw new CliException(ExitCodes.BadInput, $"--catalog: '{Redact(uri)}' is not a valid postgresql:// URI.");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder { Host = parsed.Host };
            if (!parsed.IsDefaultPort && parsed.Port > 0)
            {
                builder.Port = parsed.Port;
            }

            if (!string.IsNullOrEmpty(parsed.UserInfo))
            {
                var colon = parsed.UserInfo.IndexOf(':', StringComparison.Ordinal);
                builder.Username = Uri.UnescapeDataString(colon < 0 ? parsed.UserInfo : parsed.UserInfo[..colon]);
                if (colon >= 0)
                {
                    builder.Password = Uri.UnescapeDataString(parsed.UserInfo[(colon + 1)..]);
                }
            }

            var database = parsed.AbsolutePath.Trim('/');
            if (database.Length > 0)
            {
                builder.Database = Uri.UnescapeDataString(database);
            }

            foreach (var pair in parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
                builder[key] = value;
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.BadInput, $"--catalog: '{Redact(uri)}' is not a valid postgresql:// URI: {e.Message}", e);
        }
    }

    private static string ResolveWarehouse(string warehouse, string currentDirectory)
    {
        if (IsS3(warehouse))
        {
            var path = warehouse[(warehouse.IndexOf("://", StringComparison.Ordinal) + 3)..].Trim('/');
            if (path.Length == 0)
            {
                throw new CliException(ExitCodes.BadInput, $"--warehouse: '{warehouse}' names no bucket; expected s3://bucket/prefix.");
            }

            return warehouse.TrimEnd('/');
        }

        return ResolveLocation(warehouse, currentDirectory);
    }

    private static bool? ParseBool(string variable, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new CliException(ExitCodes.BadInput, $"{variable}: '{text}' is not true or false."),
        };
    }

    private static string? First(string? option, string? environment) => Blank(option) ?? Blank(environment);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    // Error messages may end up in CI logs: never print a password.
    private static string Redact(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"(?i)(password=)[^;]*|(://[^:/@]+:)[^@]*@", m => m.Groups[1].Success ? m.Groups[1].Value + "***" : m.Groups[2].Value + "***@");
}
