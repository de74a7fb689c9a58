namespace OrleansMaestro.Iceberg.IO;

/// <summary>
/// Dispatches each location by scheme: plain paths and <c>file:</c> to local IO, <c>s3://</c> / <c>s3a://</c> / <c>s3n://</c>
/// to S3 IO when configured. One table can mix both (e.g. a local catalog pointing at S3 data), so the choice is per call.
/// </summary>
public sealed class ResolvingFileIO : IFileIO, IDisposable
{
    private readonly IFileIO _local;
    private readonly IFileIO? _s3;
    private readonly bool _ownsS3;

    /// <summary>Local IO, plus S3 IO with its own client when <paramref name="s3Options"/> is given.</summary>
    public ResolvingFileIO(S3FileIOOptions? s3Options = null)
    {
        _local = new LocalFileIO();
        _s3 = s3Options is null ? null : new S3FileIO(s3Options);
        _ownsS3 = _s3 is not null;
    }

    /// <summary>Dispatches to the given IOs (not disposed here); <paramref name="s3"/> may be null when S3 is not configured.</summary>
    public ResolvingFileIO(IFileIO local, IFileIO? s3)
    {
        ArgumentNullException.ThrowIfNull(local);
        _local = local;
        _s3 = s3;
    }

    public Task<byte[]> ReadAllBytesAsync(string location, CancellationToken cancellationToken = default) =>
        Resolve(location).ReadAllBytesAsync(location, cancellationToken);

    public Task<byte[]> ReadRangeAsync(string location, long offset, int length, CancellationToken cancellationToken = default) =>
        Resolve(location).ReadRangeAsync(location, offset, length, cancellationToken);

    public Task<long> GetLengthAsync(string location, CancellationToken cancellationToken = default) =>
        Resolve(location).GetLengthAsync(location, cancellationToken);

    public Task<bool> ExistsAsync(string location, CancellationToken cancellationToken = default) =>
        Resolve(location).ExistsAsync(location, cancellationToken);

    public Task WriteAllBytesAsync(string location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        Resolve(location).WriteAllBytesAsync(location, content, cancellationToken);

    public Task DeleteAsync(string location, CancellationToken cancellationToken = default) =>
        Resolve(location).DeleteAsync(location, cancellationToken);

    /// <summary>The IO that handles <paramref name="location"/>; throws <see cref="NotSupportedException"/> saying what is missing.</summary>
    public IFileIO Resolve(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        var scheme = Locations.GetScheme(location);
        switch (scheme)
        {
            case null or "file":
                return _local;
            case "s3" or "s3a" or "s3n":
                return _s3 ?? throw new NotSupportedException(
                    $"'{location}' is on S3, but S3 file IO is not configured: supply S3FileIOOptions " +
                    "(at least the region, or ServiceUrl for an S3-compatible server) when creating the file IO.");
            default:
                throw new NotSupportedException(
                    $"'{location}' uses scheme '{scheme}', which is not supported: only local paths, file:, s3:// and s3a:// are.");
        }
    }

    public void Dispose()
    {
        if (_ownsS3 && _s3 is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
