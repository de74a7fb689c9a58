using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Cli.Storage;

/// <summary>
/// Local-disk <see cref="IFileIO"/> used until the library's own <c>LocalFileIO</c> lands on main; then
/// <see cref="FileIOFactory"/> switches to it and this type is deleted.
/// </summary>
internal sealed class InterimLocalFileIO : IFileIO
{
    public Task<byte[]> ReadAllBytesAsync(string location, CancellationToken cancellationToken = default) =>
        File.ReadAllBytesAsync(PathOf(location), cancellationToken);

    public async Task<byte[]> ReadRangeAsync(string location, long offset, int length, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(PathOf(location), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    public Task<long> GetLengthAsync(string location, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(location));
        return info.Exists ? Task.FromResult(info.Length) : throw new FileNotFoundException($"File '{location}' does not exist.", location);
    }

    public Task<bool> ExistsAsync(string location, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(PathOf(location)));

    public async Task WriteAllBytesAsync(string location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(location);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write aside and rename, so readers never see a half-written file.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, content.ToArray(), cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    public Task DeleteAsync(string location, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(location));
        return Task.CompletedTask;
    }

    private static string PathOf(string location) =>
        location.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? new Uri(location).LocalPath : location;
}
