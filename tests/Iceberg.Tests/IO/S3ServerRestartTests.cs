using OrleansMaestro.Iceberg.Tests.Fixtures;

namespace OrleansMaestro.Iceberg.Tests.IO;

/// <summary>Its own fixture instance: stopping the server must not disturb other test classes.</summary>
public sealed class S3ServerRestartTests(S3ServerFixture server) : IClassFixture<S3ServerFixture>
{
    [Fact]
    public async Task Server_stops_and_starts_again_on_the_same_port_keeping_its_data()
    {
        using var io = server.CreateFileIO();
        var location = server.Location("restart/kept.bin");
        await io.WriteAllBytesAsync(location, "kept"u8.ToArray());
        var port = server.Port;

        await server.StopAsync();
        Assert.False(server.IsRunning);
        await Assert.ThrowsAnyAsync<Exception>(() => io.ReadAllBytesAsync(location));

        await server.StartAsync();
        Assert.True(server.IsRunning);
        Assert.Equal(port, server.Port);
        Assert.Equal("kept"u8.ToArray(), await io.ReadAllBytesAsync(location));
    }
}
