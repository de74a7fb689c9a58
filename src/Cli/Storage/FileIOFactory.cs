using OrleansMaestro.Cli.Settings;
using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Cli.Storage;

/// <summary>Builds the <see cref="IFileIO"/> for the resolved settings: local paths and s3:// / s3a:// locations.</summary>
public static class FileIOFactory
{
    public static ResolvingFileIO Create(CliSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ResolvingFileIO(ToOptions(settings.S3));
    }

    /// <summary>The S3 client options; unset settings keep the SDK defaults (AWS S3, default credential chain).</summary>
    public static S3FileIOOptions ToOptions(S3Settings s3)
    {
        ArgumentNullException.ThrowIfNull(s3);
        var defaults = new S3FileIOOptions();
        return new S3FileIOOptions
        {
            ServiceUrl = s3.Endpoint,
            Region = s3.Region ?? defaults.Region,
            // A custom endpoint is almost always a self-hosted server that wants path-style addressing.
            ForcePathStyle = s3.PathStyle ?? s3.Endpoint is not null,
            AccessKey = s3.AccessKey,
            SecretKey = s3.SecretKey,
            UseChunkEncoding = s3.ChunkEncoding ?? defaults.UseChunkEncoding,
            // A command should report a dead endpoint in seconds, not ride out an outage as the silo does.
            MaxErrorRetry = 2,
        };
    }
}
