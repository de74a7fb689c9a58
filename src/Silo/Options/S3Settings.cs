namespace OrleansMaestro.Silo.Options;

/// <summary>S3 access for an <c>s3://</c> warehouse (section <c>Maestro:S3</c>); unset values keep the AWS SDK's defaults.</summary>
public sealed class S3Settings
{
    /// <summary>A custom endpoint (e.g. MinIO or s3rver); null is AWS S3.</summary>
    public string? Endpoint { get; set; }

    public string? Region { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Path-style addressing; null means on exactly when <see cref="Endpoint"/> is set (self-hosted servers want it).</summary>
    public bool? PathStyle { get; set; }

    /// <summary>Chunked payload signing; some S3-compatible servers need it off.</summary>
    public bool ChunkEncoding { get; set; } = true;
}
