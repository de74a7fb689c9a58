namespace OrleansMaestro.Cli.Settings;

/// <summary>The environment variables <c>maestro</c> reads (documented in docs/cli.md).</summary>
public static class EnvironmentVariables
{
    public const string Catalog = "MAESTRO_CATALOG";
    public const string Warehouse = "MAESTRO_WAREHOUSE";
    public const string CatalogName = "MAESTRO_CATALOG_NAME";
    public const string S3Endpoint = "MAESTRO_S3_ENDPOINT";
    public const string S3Region = "MAESTRO_S3_REGION";
    public const string S3AccessKey = "MAESTRO_S3_ACCESS_KEY";
    public const string S3SecretKey = "MAESTRO_S3_SECRET_KEY";
    public const string S3PathStyle = "MAESTRO_S3_PATH_STYLE";
    public const string S3ChunkEncoding = "MAESTRO_S3_CHUNK_ENCODING";
    public const string Server = "MAESTRO_SERVER";
    public const string ApiKey = "MAESTRO_API_KEY";
}
