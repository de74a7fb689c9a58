using Microsoft.Extensions.DependencyInjection;
using OrleansMaestro.Grains.Hosting;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Silo.Options;

namespace OrleansMaestro.Silo.Hosting;

/// <summary>The silo's Iceberg catalog (SQLite or PostgreSQL) over local or S3 file IO.</summary>
internal static class CatalogRegistration
{
    public static IServiceCollection AddSiloCatalog(this IServiceCollection services, MaestroSiloOptions options, SiloPaths paths)
    {
        // Registered as services of their own so the container disposes them (connection pools, S3 clients) at shutdown.
        services.AddSingleton(_ => new ResolvingFileIO(ToS3Options(options.S3)));
        services.AddSingleton<ICatalogStore>(_ => CreateStore(options.Catalog, paths));
        services.AddMaestroCatalog(
            sp => sp.GetRequiredService<ICatalogStore>(),
            sp => sp.GetRequiredService<ResolvingFileIO>(),
            _ => new CatalogOptions { Warehouse = paths.Warehouse });
        return services;
    }

    private static ICatalogStore CreateStore(CatalogSettings catalog, SiloPaths paths)
    {
        if (paths.CatalogKind == CatalogKind.Postgres)
        {
            return new PostgresCatalogStore(new PostgresCatalogOptions { ConnectionString = paths.CatalogConnection, CatalogName = catalog.Name });
        }

        // SQLite creates the file but not its folder (a fresh data directory does not exist yet).
        Directory.CreateDirectory(Path.GetDirectoryName(paths.CatalogConnection)!);
        return new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = paths.CatalogConnection, CatalogName = catalog.Name });
    }

    private static S3FileIOOptions ToS3Options(S3Settings s3)
    {
        var defaults = new S3FileIOOptions();
        return new S3FileIOOptions
        {
            ServiceUrl = s3.Endpoint,
            Region = s3.Region ?? defaults.Region,
            ForcePathStyle = s3.PathStyle ?? s3.Endpoint is not null,
            AccessKey = s3.AccessKey,
            SecretKey = s3.SecretKey,
            UseChunkEncoding = s3.ChunkEncoding,
        };
    }
}
