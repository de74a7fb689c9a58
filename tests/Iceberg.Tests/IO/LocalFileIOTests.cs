using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Iceberg.Tests.IO;

public sealed class LocalFileIOTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("maestro-localio-").FullName;
    private readonly LocalFileIO _io = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Write_then_read_round_trips_and_creates_parent_directories()
    {
        var location = Path.Combine(_root, "a", "b", "c", "data.bin");
        var content = AllByteValues(1000);

        await _io.WriteAllBytesAsync(location, content);

        Assert.Equal(content, await _io.ReadAllBytesAsync(location));
        Assert.Equal(content, await File.ReadAllBytesAsync(location));
        Assert.Equal(1000, await _io.GetLengthAsync(location));
        Assert.True(await _io.ExistsAsync(location));
    }

    [Fact]
    public async Task Overwrite_replaces_the_whole_file_and_leaves_no_temp_files()
    {
        var location = Path.Combine(_root, "meta", "v1.metadata.json");
        await _io.WriteAllBytesAsync(location, new byte[5000]);

        await _io.WriteAllBytesAsync(location, "short"u8.ToArray());

        Assert.Equal("short"u8.ToArray(), await _io.ReadAllBytesAsync(location));
        Assert.Equal([location], Directory.GetFiles(Path.Combine(_root, "meta")));
    }

    [Fact]
    public async Task Failed_write_keeps_the_old_content_and_removes_its_temp_file()
    {
        var location = Path.Combine(_root, "keep.bin");
        await _io.WriteAllBytesAsync(location, "old"u8.ToArray());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _io.WriteAllBytesAsync(location, new byte[1 << 20], cancelled.Token));

        Assert.Equal("old"u8.ToArray(), await File.ReadAllBytesAsync(location));
        Assert.Equal([location], Directory.GetFiles(_root));
    }

    [Fact]
    public async Task Concurrent_readers_never_see_a_partial_file_while_it_is_overwritten()
    {
        // Each version is one repeated byte with a distinct length: a torn read would mix bytes or have a wrong length.
        var location = Path.Combine(_root, "hot.bin");
        static byte[] Version(int i) => Enumerable.Repeat((byte)i, 100_000 + (i * 1000)).ToArray();
        await _io.WriteAllBytesAsync(location, Version(0));
        using var stop = new CancellationTokenSource();

        var writer = Task.Run(async () =>
        {
            for (var i = 1; i <= 60; i++)
            {
                await _io.WriteAllBytesAsync(location, Version(i));
            }

            await stop.CancelAsync();
        });
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            var bytes = await _io.ReadAllBytesAsync(location);
            var version = bytes[0];
            Assert.Equal(100_000 + (version * 1000), bytes.Length);
            Assert.All(bytes, b => Assert.Equal(version, b));
            reads++;
        }

        await writer;
        Assert.True(reads > 0);
        Assert.Equal(Version(60), await _io.ReadAllBytesAsync(location));
    }

    [Fact]
    public async Task Range_reads_return_exactly_the_requested_bytes()
    {
        var location = Path.Combine(_root, "range.bin");
        var content = AllByteValues(4096);
        await _io.WriteAllBytesAsync(location, content);

        Assert.Equal(content[100..150], await _io.ReadRangeAsync(location, 100, 50));
        Assert.Equal(content[^8..], await _io.ReadRangeAsync(location, 4088, 8));
        Assert.Equal(content[..1], await _io.ReadRangeAsync(location, 0, 1));
        Assert.Empty(await _io.ReadRangeAsync(location, 10, 0));
    }

    [Fact]
    public async Task Range_read_past_the_end_throws_instead_of_returning_fewer_bytes()
    {
        var location = Path.Combine(_root, "short.bin");
        await _io.WriteAllBytesAsync(location, new byte[10]);

        var error = await Assert.ThrowsAsync<EndOfStreamException>(() => _io.ReadRangeAsync(location, 5, 10));
        Assert.Contains(location, error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _io.ReadRangeAsync(location, -1, 1));
    }

    [Fact]
    public async Task Missing_file_throws_FileNotFoundException_naming_the_location()
    {
        var location = Path.Combine(_root, "no", "such", "file.avro");

        var read = await Assert.ThrowsAsync<FileNotFoundException>(() => _io.ReadAllBytesAsync(location));
        var range = await Assert.ThrowsAsync<FileNotFoundException>(() => _io.ReadRangeAsync(location, 0, 4));
        var length = await Assert.ThrowsAsync<FileNotFoundException>(() => _io.GetLengthAsync(location));

        foreach (var error in new[] { read, range, length })
        {
            Assert.Equal(location, error.FileName);
            Assert.Contains(location, error.Message, StringComparison.Ordinal);
        }

        Assert.False(await _io.ExistsAsync(location));
    }

    [Fact]
    public async Task Deleting_removes_the_file_and_deleting_a_missing_file_is_not_an_error()
    {
        var location = Path.Combine(_root, "gone.bin");
        await _io.WriteAllBytesAsync(location, new byte[3]);

        await _io.DeleteAsync(location);
        await _io.DeleteAsync(location);
        await _io.DeleteAsync(Path.Combine(_root, "missing-dir", "x"));

        Assert.False(File.Exists(location));
        Assert.False(await _io.ExistsAsync(location));
    }

    [Fact]
    public async Task File_uri_forms_address_the_same_file()
    {
        var path = Path.Combine(_root, "uri dir", "t.json");
        await _io.WriteAllBytesAsync($"file://{path}", "one"u8.ToArray());

        Assert.Equal("one"u8.ToArray(), await File.ReadAllBytesAsync(path));
        Assert.Equal("one"u8.ToArray(), await _io.ReadAllBytesAsync($"file:{path}"));
        Assert.Equal("one"u8.ToArray(), await _io.ReadAllBytesAsync($"file://localhost{path}"));
        Assert.Equal("one"u8.ToArray(), await _io.ReadAllBytesAsync(new Uri(path).AbsoluteUri));
        Assert.Equal(3, await _io.GetLengthAsync(path));
    }

    [Theory]
    [InlineData("file:///tmp/x/y.avro", "/tmp/x/y.avro")]
    [InlineData("file:/tmp/x/y.avro", "/tmp/x/y.avro")]
    [InlineData("file://localhost/tmp/x", "/tmp/x")]
    [InlineData("FILE:///tmp/a%20b/c", "/tmp/a b/c")]
    [InlineData("/tmp/a%20b", "/tmp/a%20b")]
    public void ToPath_accepts_paths_and_file_uris(string location, string expected) =>
        Assert.Equal(expected, LocalFileIO.ToPath(location));

    [Theory]
    [InlineData("relative/path")]
    [InlineData("file://otherhost/tmp/x")]
    [InlineData("s3://bucket/key")]
    public void ToPath_rejects_relative_remote_and_non_local_locations(string location)
    {
        var error = Assert.Throws<ArgumentException>(() => LocalFileIO.ToPath(location));
        Assert.Contains(location, error.Message, StringComparison.Ordinal);
    }

    internal static byte[] AllByteValues(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i % 256);
        }

        return bytes;
    }
}
