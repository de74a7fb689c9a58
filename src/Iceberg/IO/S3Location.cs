namespace OrleansMaestro.Iceberg.IO;

/// <summary>An object's bucket and key, parsed from <c>s3://bucket/key</c> (also <c>s3a://</c> and <c>s3n://</c>).</summary>
public readonly record struct S3Location(string Bucket, string Key)
{
    /// <summary>Parses an S3 location. Throws <see cref="ArgumentException"/> naming the location when it is not one.</summary>
    public static S3Location Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!Locations.IsS3(location))
        {
            throw new ArgumentException($"'{location}' is not an S3 location (expected s3://bucket/key or s3a://bucket/key).", nameof(location));
        }

        var afterScheme = location.IndexOf("://", StringComparison.Ordinal);
        if (afterScheme < 0)
        {
            throw new ArgumentException($"'{location}' is not an S3 location (expected s3://bucket/key or s3a://bucket/key).", nameof(location));
        }

        var rest = location[(afterScheme + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == rest.Length - 1)
        {
            throw new ArgumentException($"'{location}' has no bucket or no key (expected s3://bucket/key).", nameof(location));
        }

        // The key is taken verbatim: S3 keys are not percent-encoded in Iceberg metadata, and the SDK encodes them.
        return new S3Location(rest[..slash], rest[(slash + 1)..]);
    }

    public override string ToString() => $"s3://{Bucket}/{Key}";
}
