namespace OrleansMaestro.Iceberg.IO;

/// <summary>
/// Reads and writes whole objects at a location (a local path, <c>file:</c> URI, or <c>s3://</c> / <c>s3a://</c> URI).
/// There is deliberately no listing operation: Iceberg finds every file through metadata, never by listing storage.
/// </summary>
public interface IFileIO
{
    /// <summary>Reads the whole object. Throws <see cref="FileNotFoundException"/> when it does not exist.</summary>
    Task<byte[]> ReadAllBytesAsync(string location, CancellationToken cancellationToken = default);

    /// <summary>Reads <paramref name="length"/> bytes starting at <paramref name="offset"/> (for Parquet footers and column chunks).</summary>
    Task<byte[]> ReadRangeAsync(string location, long offset, int length, CancellationToken cancellationToken = default);

    /// <summary>The object's size in bytes. Throws <see cref="FileNotFoundException"/> when it does not exist.</summary>
    Task<long> GetLengthAsync(string location, CancellationToken cancellationToken = default);

    /// <summary>Whether the object exists.</summary>
    Task<bool> ExistsAsync(string location, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the whole object. The write is atomic to readers: they see the old object (or none) or the whole new one,
    /// never a partial one, even when the process is killed mid-write.
    /// </summary>
    Task WriteAllBytesAsync(string location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; deleting a missing object is not an error.</summary>
    Task DeleteAsync(string location, CancellationToken cancellationToken = default);
}
