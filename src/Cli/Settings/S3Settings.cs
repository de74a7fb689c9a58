namespace OrleansMaestro.Cli.Settings;

/// <summary>S3 connection settings, from the MAESTRO_S3_* environment variables; null members use the AWS SDK's defaults.</summary>
public sealed record S3Settings
{
    public string? Endpoint { get; init; }

    public string? Region { get; init; }

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>Path-style addressing (<c>http://host/bucket/key</c>), needed by most S3-compatible servers.</summary>
    public bool? PathStyle { get; init; }

    /// <summary>Chunked payload signing; S3-compatible servers such as s3rver need it off.</summary>
    public bool? ChunkEncoding { get; init; }
}
