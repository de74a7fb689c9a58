using System.Net;
using System.Runtime.InteropServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace OrleansMaestro.Iceberg.IO;

/// <summary>
/// File IO on S3 or an S3-compatible server, for <c>s3://bucket/key</c> and <c>s3a://bucket/key</c> locations.
/// A single PUT replaces an object atomically, so writes need no temp object.
/// </summary>
public sealed class S3FileIO : IFileIO, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly S3FileIOOptions _options;

    /// <summary>Creates the IO with its own client built from <paramref name="options"/> (disposed with this IO).</summary>
    public S3FileIO(S3FileIOOptions options)
        : this(options, client: null)
    {
    }

    /// <summary>
    /// Creates the IO over <paramref name="client"/> when given (shared, not disposed here; only
    /// <see cref="S3FileIOOptions.UseChunkEncoding"/> of the options then applies), otherwise over a client of its own.
    /// </summary>
    public S3FileIO(S3FileIOOptions options, IAmazonS3? client)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _ownsClient = client is null;
        _client = client ?? CreateClient(options);
    }

    public S3FileIOOptions Options => _options;

    /// <summary>Builds a client from the options; exposed so callers can share one client among several IOs.</summary>
    public static AmazonS3Client CreateClient(S3FileIOOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = options.MaxErrorRetry,
        };
        if (string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            // With a custom endpoint the SDK cannot infer the signing region from the host name.
            config.AuthenticationRegion = options.Region;
        }

        if (options.HasExplicitCredentials)
        {
            AWSCredentials credentials = string.IsNullOrEmpty(options.SessionToken)
                ? new BasicAWSCredentials(options.AccessKey, options.SecretKey)
                : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken);
            return new AmazonS3Client(credentials, config);
        }

        // No keys configured: the SDK's default chain (environment, profile, instance or task role).
        return new AmazonS3Client(config);
    }

    public async Task<byte[]> ReadAllBytesAsync(string location, CancellationToken cancellationToken = default)
    {
        var s3 = S3Location.Parse(location);
        try
        {
            using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = s3.Bucket, Key = s3.Key }, cancellationToken);
            return await ReadBodyAsync(response, location, expectedLength: null, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            throw NotFound(location, e);
        }
    }

    public async Task<byte[]> ReadRangeAsync(string location, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var s3 = S3Location.Parse(location);
        if (length == 0)
        {
            // An HTTP range cannot be empty (bytes=a-b is inclusive), so an empty read needs no request.
            return [];
        }

        try
        {
            var request = new GetObjectRequest
            {
                BucketName = s3.Bucket,
                Key = s3.Key,
                // Always an explicit first-last range: suffix ranges (bytes=-n) are ignored by some servers (s3rver).
                ByteRange = new ByteRange(offset, offset + length - 1),
            };
            using var response = await _client.GetObjectAsync(request, cancellationToken);
            return await ReadBodyAsync(response, location, expectedLength: length, cancellationToken, offset);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            throw NotFound(location, e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            throw new EndOfStreamException($"Range [{offset}, {offset + length}) of '{location}' is past its end.", e);
        }
    }

    public async Task<long> GetLengthAsync(string location, CancellationToken cancellationToken = default)
    {
        var s3 = S3Location.Parse(location);
        try
        {
            var response = await _client.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = s3.Bucket, Key = s3.Key }, cancellationToken);
            return response.Headers.ContentLength;
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            throw NotFound(location, e);
        }
    }

    public async Task<bool> ExistsAsync(string location, CancellationToken cancellationToken = default)
    {
        var s3 = S3Location.Parse(location);
        try
        {
            await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = s3.Bucket, Key = s3.Key }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            return false;
        }
    }

    public async Task WriteAllBytesAsync(string location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var s3 = S3Location.Parse(location);

        // Wrap the caller's array when there is one instead of copying it; the stream is read-only.
        using var body = MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = s3.Bucket,
            Key = s3.Key,
            InputStream = body,
            AutoCloseStream = false,
            // Without aws-chunked the SDK sends the payload hash and CRC checksum as headers, which servers that do not
            // decode the framing (s3rver) accept; with it they would store the chunk signatures and trailer as data.
            UseChunkEncoding = _options.UseChunkEncoding,
        };
        await _client.PutObjectAsync(request, cancellationToken);
    }

    public async Task DeleteAsync(string location, CancellationToken cancellationToken = default)
    {
        var s3 = S3Location.Parse(location);
        try
        {
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = s3.Bucket, Key = s3.Key }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsNotFound(e))
        {
            // S3 answers 204 for a missing key anyway; some compatible servers answer 404, which the contract also treats as done.
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(GetObjectResponse response, string location, int? expectedLength,
        CancellationToken cancellationToken, long offset = 0)
    {
        var declared = response.ContentLength;
        var buffer = new MemoryStream(declared is > 0 and <= int.MaxValue ? (int)declared : 0);
        await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        if (expectedLength is { } expected && bytes.Length != expected)
        {
            // A range reaching past the end comes back shortened (or, from servers that ignore ranges, as the whole object).
            throw new EndOfStreamException(
                $"Range [{offset}, {offset + expected}) of '{location}' returned {bytes.Length} bytes instead of {expected}.");
        }

        return bytes;
    }

    private static bool IsNotFound(AmazonS3Exception e) =>
        e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode is "NoSuchKey" or "NotFound";

    private static FileNotFoundException NotFound(string location, AmazonS3Exception inner) =>
        new($"Object '{location}' does not exist ({inner.ErrorCode ?? inner.StatusCode.ToString()}).", location, inner);
}
