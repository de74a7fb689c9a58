using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Tests.Fixtures;

namespace OrleansMaestro.Iceberg.Tests.IO;

public sealed class S3FileIOTests(S3ServerFixture server) : IClassFixture<S3ServerFixture>, IDisposable
{
    private readonly S3FileIO _io = server.CreateFileIO();
    private readonly string _prefix = $"s3io-{Guid.NewGuid():N}";

    public void Dispose() => _io.Dispose();

    private string Location(string key) => server.Location($"{_prefix}/{key}");

    [Fact]
    public async Task Write_read_length_exists_and_delete_round_trip()
    {
        var location = Location("metadata/v1.metadata.json");
        var content = "{\"format-version\":2}"u8.ToArray();

        Assert.False(await _io.ExistsAsync(location));
        await _io.WriteAllBytesAsync(location, content);

        Assert.True(await _io.ExistsAsync(location));
        Assert.Equal(content, await _io.ReadAllBytesAsync(location));
        Assert.Equal(content.Length, await _io.GetLengthAsync(location));

        await _io.DeleteAsync(location);
        Assert.False(await _io.ExistsAsync(location));
        await _io.DeleteAsync(location);
    }

    [Fact]
    public async Task Binary_content_with_every_byte_value_is_stored_verbatim()
    {
        // Large enough for several aws-chunked chunks: stored framing would change the length and the bytes.
        var location = Location("data/all-bytes.bin");
        var content = LocalFileIOTests.AllByteValues((256 * 1024) + 17);

        await _io.WriteAllBytesAsync(location, content);

        Assert.Equal(content.Length, await _io.GetLengthAsync(location));
        Assert.Equal(content, await _io.ReadAllBytesAsync(location));

        // What s3rver 3.7 keeps on disk, independent of the SDK's reading: exactly the bytes, no chunk signatures.
        var stored = Path.Combine(server.DataDirectory, server.BucketName, _prefix, "data", "all-bytes.bin._S3rver_object");
        Assert.Equal(content, await File.ReadAllBytesAsync(stored));
    }

    [Fact]
    public async Task Writes_from_a_slice_of_a_larger_buffer_store_only_the_slice()
    {
        var location = Location("data/slice.bin");
        var buffer = LocalFileIOTests.AllByteValues(1000);

        await _io.WriteAllBytesAsync(location, buffer.AsMemory(100, 300));

        Assert.Equal(buffer[100..400], await _io.ReadAllBytesAsync(location));
    }

    [Fact]
    public async Task Overwrite_replaces_the_object()
    {
        var location = Location("version-hint.text");
        await _io.WriteAllBytesAsync(location, new byte[4000]);

        await _io.WriteAllBytesAsync(location, "2"u8.ToArray());

        Assert.Equal("2"u8.ToArray(), await _io.ReadAllBytesAsync(location));
        Assert.Equal(1, await _io.GetLengthAsync(location));
    }

    [Fact]
    public async Task Range_reads_return_exactly_the_requested_bytes()
    {
        var location = Location("data/file.parquet");
        var content = LocalFileIOTests.AllByteValues(10_000);
        await _io.WriteAllBytesAsync(location, content);

        Assert.Equal(content[1000..1256], await _io.ReadRangeAsync(location, 1000, 256));
        // A Parquet footer read: the last 8 bytes, asked as an explicit range because suffix ranges are not portable.
        Assert.Equal(content[^8..], await _io.ReadRangeAsync(location, content.Length - 8, 8));
        Assert.Equal(content[..4], await _io.ReadRangeAsync(location, 0, 4));
        Assert.Empty(await _io.ReadRangeAsync(location, 5, 0));
    }

    [Fact]
    public async Task Range_read_past_the_end_throws_instead_of_returning_fewer_bytes()
    {
        var location = Location("data/short.bin");
        await _io.WriteAllBytesAsync(location, new byte[10]);

        var error = await Assert.ThrowsAsync<EndOfStreamException>(() => _io.ReadRangeAsync(location, 5, 10));
        Assert.Contains(location, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3a_and_s3_locations_address_the_same_object()
    {
        var s3 = Location("engine/written.avro");
        var s3a = "s3a" + s3["s3".Length..];

        await _io.WriteAllBytesAsync(s3a, "from spark"u8.ToArray());

        Assert.Equal("from spark"u8.ToArray(), await _io.ReadAllBytesAsync(s3));
        Assert.Equal("from spark"u8.ToArray(), await _io.ReadAllBytesAsync(s3a));
        Assert.Equal(10, await _io.GetLengthAsync(s3a));
        Assert.Equal("spark"u8.ToArray(), await _io.ReadRangeAsync(s3a, 5, 5));
        Assert.True(await _io.ExistsAsync(s3a));
        await _io.DeleteAsync(s3a);
        Assert.False(await _io.ExistsAsync(s3));
    }

    [Fact]
    public async Task Keys_with_partition_values_spaces_and_unicode_round_trip()
    {
        var location = Location("data/ts_day=2024-01-01/city=São Paulo/00000-0-a+b.parquet");

        await _io.WriteAllBytesAsync(location, "x"u8.ToArray());

        Assert.True(await _io.ExistsAsync(location));
        Assert.Equal("x"u8.ToArray(), await _io.ReadAllBytesAsync(location));
        Assert.False(await _io.ExistsAsync(Location("data/ts_day=2024-01-01/city=São Paulo/00000-0-a b.parquet")));
    }

    [Fact]
    public async Task Missing_key_throws_FileNotFoundException_naming_the_location()
    {
        var location = Location("no/such/key.avro");

        var read = await Assert.ThrowsAsync<FileNotFoundException>(() => _io.ReadAllBytesAsync(location));
        var range = await Assert.ThrowsAsync<FileNotFoundException>(() => _io.ReadRangeAsync(location, 0, 4));
        var length = await Assert.ThrowsAsync<FileNotFoundException>(() => _io.GetLengthAsync(location));

        foreach (var error in new[] { read, range, length })
        {
            Assert.Equal(location, error.FileName);
            Assert.Contains(location, error.Message, StringComparison.Ordinal);
        }

        Assert.False(await _io.ExistsAsync(location));
        await _io.DeleteAsync(location);
    }

    [Fact]
    public async Task A_shared_client_is_used_and_not_disposed_by_the_file_io()
    {
        using var client = S3FileIO.CreateClient(server.CreateOptions());
        var location = Location("shared/client.bin");
        using (var io = new S3FileIO(server.CreateOptions(), client))
        {
            await io.WriteAllBytesAsync(location, "shared"u8.ToArray());
        }

        // Still usable after the IO that borrowed it was disposed.
        using var again = new S3FileIO(server.CreateOptions(), client);
        Assert.Equal("shared"u8.ToArray(), await again.ReadAllBytesAsync(location));
    }
}
