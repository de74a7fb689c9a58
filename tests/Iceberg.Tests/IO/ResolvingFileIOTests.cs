using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Tests.Fixtures;

namespace OrleansMaestro.Iceberg.Tests.IO;

public sealed class ResolvingFileIOTests(S3ServerFixture server) : IClassFixture<S3ServerFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("maestro-resolve-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Local_paths_and_file_uris_go_to_local_io_and_s3_locations_to_s3()
    {
        using var io = new ResolvingFileIO(server.CreateOptions());
        var local = Path.Combine(_root, "t.json");
        var remote = server.Location($"resolve-{Guid.NewGuid():N}/t.json");

        await io.WriteAllBytesAsync(local, "local"u8.ToArray());
        await io.WriteAllBytesAsync(remote, "remote"u8.ToArray());

        Assert.IsType<LocalFileIO>(io.Resolve(local));
        Assert.IsType<S3FileIO>(io.Resolve(remote));
        Assert.IsType<S3FileIO>(io.Resolve("s3a://b/k"));
        Assert.Equal("local"u8.ToArray(), await File.ReadAllBytesAsync(local));
        Assert.Equal("local"u8.ToArray(), await io.ReadAllBytesAsync("file://" + local));
        Assert.Equal("remote"u8.ToArray(), await io.ReadAllBytesAsync(remote));
        Assert.False(File.Exists(Path.Combine(_root, "remote")));
    }

    [Fact]
    public async Task S3_location_without_s3_options_says_what_is_missing()
    {
        using var io = new ResolvingFileIO();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => io.ReadAllBytesAsync("s3a://bucket/key"));

        Assert.Contains("s3a://bucket/key", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(S3FileIOOptions), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_scheme_is_not_supported_and_named()
    {
        using var io = new ResolvingFileIO(server.CreateOptions());

        var error = Assert.Throws<NotSupportedException>(() => io.Resolve("gs://bucket/key"));

        Assert.Contains("'gs'", error.Message, StringComparison.Ordinal);
    }
}
