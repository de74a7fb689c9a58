namespace OrleansMaestro.Iceberg.IO;

/// <summary>
/// File IO on the local file system. Locations are absolute paths or <c>file:</c> URIs
/// (<c>file:///tmp/x</c>, and <c>file:/tmp/x</c> as Java and Hadoop write them).
/// </summary>
public sealed class LocalFileIO : IFileIO
{
    public async Task<byte[]> ReadAllBytesAsync(string location, CancellationToken cancellationToken = default)
    {
        var path = ToPath(location);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(location, e);
        }
    }

    public async Task<byte[]> ReadRangeAsync(string location, long offset, int length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var path = ToPath(location);
        try
        {
            // FileShare.Delete: a reader must not block the rename that replaces the file under it.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous | FileOptions.RandomAccess);
            var buffer = new byte[length];
            var filled = 0;
            while (filled < length)
            {
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(filled), offset + filled, cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException(
                        $"Range [{offset}, {offset + length}) of '{location}' is past its end ({offset + filled} bytes).");
                }

                filled += read;
            }

            return buffer;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(location, e);
        }
    }

    public Task<long> GetLengthAsync(string location, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new FileInfo(ToPath(location));
        if (!info.Exists)
        {
            throw NotFound(location, inner: null);
        }

        return Task.FromResult(info.Length);
    }

    public Task<bool> ExistsAsync(string location, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(ToPath(location)));
    }

    public async Task WriteAllBytesAsync(string location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = ToPath(location);
        var directory = Path.GetDirectoryName(path)
            ?? throw new ArgumentException($"'{location}' has no parent directory.", nameof(location));
        Directory.CreateDirectory(directory);

        // The temp file sits in the target's directory so the final rename stays on one file system and is atomic.
        // It starts with '.' so directory listings by other tools skip it; the random part avoids clashes between writers.
        var tempPath = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             bufferSize: 0, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);

                // fsync before the rename: otherwise after a power loss the new name could point at a file whose data
                // never reached the disk. .NET has no asynchronous fsync.
                stream.Flush(flushToDisk: true);
            }

            // On Unix this is rename(2), which replaces the target atomically: readers see the old file or the new one.
            File.Move(tempPath, path, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    public Task DeleteAsync(string location, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(ToPath(location));
        }
        catch (DirectoryNotFoundException)
        {
            // The contract makes deleting a missing object a no-op; a missing parent directory is the same case.
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The local path of a location: an absolute path as is, or a <c>file:</c> URI (<c>file:///p</c>, <c>file://localhost/p</c>,
    /// <c>file:/p</c>) with percent escapes decoded. Throws <see cref="ArgumentException"/> for relative paths and other schemes.
    /// </summary>
    public static string ToPath(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        var scheme = Locations.GetScheme(location);
        string path;
        if (scheme is null)
        {
            path = location;
        }
        else if (scheme == "file")
        {
            var rest = location["file:".Length..];
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                // file://authority/path: only an empty authority or localhost means this machine.
                var pathStart = rest.IndexOf('/', 2);
                var authority = pathStart < 0 ? rest[2..] : rest[2..pathStart];
                if (authority.Length != 0 && !authority.Equals("localhost", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"'{location}' names host '{authority}'; only local files are supported.", nameof(location));
                }

                rest = pathStart < 0 ? "/" : rest[pathStart..];
            }

            // A URI is percent-encoded (a space is %20); a plain path is taken literally.
            path = Uri.UnescapeDataString(rest);

            // file:///C:/x is a Windows drive path; the slash before the drive letter belongs to the URI, not the path.
            if (OperatingSystem.IsWindows() && path.Length >= 3 && path[0] == '/' && path[2] == ':')
            {
                path = path[1..];
            }
        }
        else
        {
            throw new ArgumentException($"'{location}' is not a local location (scheme '{scheme}').", nameof(location));
        }

        if (!Path.IsPathFullyQualified(path))
        {
            // A relative path would depend on the process's working directory, so the same metadata could mean different files.
            throw new ArgumentException($"'{location}' is not an absolute path or file: URI.", nameof(location));
        }

        return path;
    }

    private static FileNotFoundException NotFound(string location, Exception? inner) =>
        new($"File '{location}' does not exist.", location, inner);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless (it is never read), the original error matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
