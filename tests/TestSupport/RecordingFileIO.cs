using System.Collections.Concurrent;
using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Testing;

/// <summary>Passes every call to a real file IO and records which operation touched which location, in order.</summary>
public sealed class RecordingFileIO(IFileIO inner) : IFileIO
{
    private readonly ConcurrentQueue<(string Operation, string Location)> _calls = new();

    public IReadOnlyList<(string Operation, string Location)> Calls => [.. _calls];

    public void Clear() => _calls.Clear();

    public Task<byte[]> ReadAllBytesAsync(string location, CancellationToken cancellationToken = default) =>
        Record("read", location, inner.ReadAllBytesAsync(location, cancellationToken));

    public Task<byte[]> ReadRangeAsync(string location, long offset, int length, CancellationToken cancellationToken = default) =>
        Record("read-range", location, inner.ReadRangeAsync(location, offset, length, cancellationToken));

    public Task<long> GetLengthAsync(string location, CancellationToken cancellationToken = default) =>
        Record("length", location, inner.GetLengthAsync(location, cancellationToken));

    public Task<bool> ExistsAsync(string location, CancellationToken cancellationToken = default) =>
        Record("exists", location, inner.ExistsAsync(location, cancellationToken));

    public Task WriteAllBytesAsync(string location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        Record("write", location, inner.WriteAllBytesAsync(location, content, cancellationToken));

    public Task DeleteAsync(string location, CancellationToken cancellationToken = default) =>
        Record("delete", location, inner.DeleteAsync(location, cancellationToken));

    private T Record<T>(string operation, string location, T call)
    {
        _calls.Enqueue((operation, location));
        return call;
    }
}
