using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Iceberg.Tests.IO;

public sealed class CountingFileIOTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("maestro-counting-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Counts_each_operation_and_the_bytes_moved()
    {
        var io = new CountingFileIO(new LocalFileIO());
        var a = Path.Combine(_root, "a.bin");
        var b = Path.Combine(_root, "b.bin");

        await io.WriteAllBytesAsync(a, new byte[100]);
        await io.WriteAllBytesAsync(b, new byte[20]);
        await io.ReadAllBytesAsync(a);
        await io.ReadRangeAsync(a, 10, 5);
        await io.ReadRangeAsync(a, 0, 1);
        await io.ReadRangeAsync(b, 0, 2);
        await io.GetLengthAsync(a);
        await io.ExistsAsync(a);
        await io.ExistsAsync(Path.Combine(_root, "missing"));
        await io.DeleteAsync(b);

        Assert.Equal(new FileIOCounts(
            Reads: 1, RangeReads: 3, LengthCalls: 1, ExistsCalls: 2, Writes: 2, Deletes: 1, BytesRead: 108, BytesWritten: 120),
            io.Snapshot());
        Assert.Equal(10, io.Snapshot().TotalCalls);
    }

    [Fact]
    public async Task Failed_calls_are_counted_because_they_still_reached_storage()
    {
        var io = new CountingFileIO(new LocalFileIO());

        await Assert.ThrowsAsync<FileNotFoundException>(() => io.ReadAllBytesAsync(Path.Combine(_root, "missing")));

        Assert.Equal(1, io.Snapshot().Reads);
        Assert.Equal(0, io.Snapshot().BytesRead);
    }

    [Fact]
    public async Task Reset_returns_the_counts_and_starts_again_from_zero()
    {
        var io = new CountingFileIO(new LocalFileIO());
        await io.ExistsAsync(Path.Combine(_root, "x"));

        var before = io.Reset();
        await io.ExistsAsync(Path.Combine(_root, "x"));

        Assert.Equal(1, before.ExistsCalls);
        Assert.Equal(new FileIOCounts(0, 0, 0, 1, 0, 0, 0, 0), io.Snapshot());
    }

    [Fact]
    public async Task Counters_are_exact_under_concurrent_calls()
    {
        var io = new CountingFileIO(new LocalFileIO());
        var location = Path.Combine(_root, "x");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                await io.ExistsAsync(location);
            }
        })));

        Assert.Equal(2000, io.Snapshot().ExistsCalls);
    }
}
