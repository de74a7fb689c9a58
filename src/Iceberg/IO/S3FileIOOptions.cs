using System.Text;

namespace OrleansMaestro.Iceberg.IO;

/// <summary>How <see cref="S3FileIO"/> reaches S3 or an S3-compatible server.</summary>
public sealed record S3FileIOOptions
{
    /// <summary>Endpoint of an S3-compatible server (e.g. <c>http://127.0.0.1:4568</c>); <c>null</c> for AWS S3 in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; init; }

    /// <summary>AWS region; also the signing region for a custom <see cref="ServiceUrl"/>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Addresses buckets as <c>endpoint/bucket/key</c> instead of <c>bucket.endpoint/key</c>; most self-hosted servers need it.</summary>
    public bool ForcePathStyle { get; init; }

    /// <summary>Access key; when it or <see cref="SecretKey"/> is missing the SDK's default credential chain is used.</summary>
    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    /// <summary>Session token for temporary credentials (with <see cref="AccessKey"/> and <see cref="SecretKey"/>).</summary>
    public string? SessionToken { get; init; }

    /// <summary>
    /// Whether uploads use <c>aws-chunked</c> content encoding. Must be <c>false</c> for servers such as s3rver that do
    /// not decode the framing and would store it as part of the object.
    /// </summary>
    public bool UseChunkEncoding { get; init; } = true;

    /// <summary>
    /// How many times the SDK retries a request that failed for a transient reason (connection refused or reset, 5xx,
    /// throttling), with exponential backoff capped at 20 s: 10 retries ride out an object store that is gone for
    /// about half a minute, so a short outage costs a delay rather than a failed step.
    /// </summary>
    public int MaxErrorRetry { get; init; } = 10;

    /// <summary>Whether explicit credentials are configured (otherwise the SDK's default chain applies).</summary>
    public bool HasExplicitCredentials => !string.IsNullOrEmpty(AccessKey) && !string.IsNullOrEmpty(SecretKey);

    // Records print every property; options end up in logs and exception messages, so secrets must not.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ServiceUrl = ").Append(ServiceUrl)
            .Append(", Region = ").Append(Region)
            .Append(", ForcePathStyle = ").Append(ForcePathStyle)
            .Append(", AccessKey = ").Append(AccessKey)
            .Append(", SecretKey = ").Append(SecretKey is null ? "" : "***")
            .Append(", SessionToken = ").Append(SessionToken is null ? "" : "***")
            .Append(", UseChunkEncoding = ").Append(UseChunkEncoding);
        return true;
    }
}
