namespace OrleansMaestro.Iceberg.IO;

/// <summary>
/// Counts the calls made through it per operation, so tests (and diagnostics) can prove how much storage IO a
/// scan or commit does. Thread-safe: counters are updated with interlocked operations.
/// </summary>
public sealed class CountingFileIO(IFileIO inner) : IFileIO
{
    private readonly IFileIO _inner = inner ?? throw new ArgumentNullException(nameof(inner));
    private long _reads;
    private long _rangeReads;
    private long _lengthCalls;
    private long _existsCalls;
    private long _writes;
    private long _deletes;
    private long _bytesRead;
    private long _bytesWritten;

    public IFileIO Inner => _inner;

    // Calls are counted when they start, failed ones included: a failed request still went to storage.
    public async Task<byte[]> ReadAllBytesAsync(string location, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        var bytes = await _inner.ReadAllBytesAsync(location, cancellationToken);
        Interlocked.Add(ref _bytesRead, bytes.Length);
        return bytes;
    }

    public async Task<byte[]> ReadRangeAsync(string location, long offset, int length, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _rangeReads);
        var bytes = await _inner.ReadRangeAsync(location, offset, length, cancellationToken);
        Interlocked.Add(ref _bytesRead, bytes.Length);
        return bytes;
    }

    public Task<long> GetLengthAsync(string location, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lengthCalls);
        return _inner.GetLengthAsync(location, cancellationToken);
    }

    public Task<bool> ExistsAsync(string location, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _existsCalls);
        return _inner.ExistsAsync(location, cancellationToken);
    }

    public async Task WriteAllBytesAsync(string location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        await _inner.WriteAllBytesAsync(location, content, cancellationToken);
        Interlocked.Add(ref _bytesWritten, content.Length);
    }

    public Task DeleteAsync(string location, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _deletes);
        return _inner.DeleteAsync(location, cancellationToken);
    }

    /// <summary>The current counts. Each counter is read atomically; counts of calls racing with the snapshot may or may not be in it.</summary>
    public FileIOCounts Snapshot() => new(
        Interlocked.Read(ref _reads),
        Interlocked.Read(ref _rangeReads),
        Interlocked.Read(ref _lengthCalls),
        Interlocked.Read(ref _existsCalls),
        Interlocked.Read(ref _writes),
        Interlocked.Read(ref _deletes),
        Interlocked.Read(ref _bytesRead),
        Interlocked.Read(ref _bytesWritten));

    /// <summary>Returns the counts and sets every counter back to zero (each counter is swapped atomically).</summary>
    public FileIOCounts Reset() => new(
        Interlocked.Exchange(ref _reads, 0),
        Interlocked.Exchange(ref _rangeReads, 0),
        Interlocked.Exchange(ref _lengthCalls, 0),
        Interlocked.Exchange(ref _existsCalls, 0),
        Interlocked.Exchange(ref _writes, 0),
        Interlocked.Exchange(ref _deletes, 0),
        Interlocked.Exchange(ref _bytesRead, 0),
        Interlocked.Exchange(ref _bytesWritten, 0));
}
