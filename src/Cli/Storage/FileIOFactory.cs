using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Settings;
using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Cli.Storage;

/// <summary>Builds the <see cref="IFileIO"/> for the resolved settings.</summary>
public static class FileIOFactory
{
    public static IFileIO Create(CliSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // TODO(h-io): ResolvingFileIO(LocalFileIO, S3FileIO(S3FileIOOptions from settings.S3)) once it lands on main.
        return new S3GuardFileIO(new InterimLocalFileIO());
    }

    /// <summary>Until S3 support lands, an s3:// location fails with a clear message instead of a bogus local path.</summary>
    private sealed class S3GuardFileIO(IFileIO local) : IFileIO
    {
        public Task<byte[]> ReadAllBytesAsync(string location, CancellationToken cancellationToken = default) => local.ReadAllBytesAsync(Check(location), cancellationToken);

        public Task<byte[]> ReadRangeAsync(string location, long offset, int length, CancellationToken cancellationToken = default) => local.ReadRangeAsync(Check(location), offset, length, cancellationToken);

        public Task<long> GetLengthAsync(string location, CancellationToken cancellationToken = default) => local.GetLengthAsync(Check(location), cancellationToken);

        public Task<bool> ExistsAsync(string location, CancellationToken cancellationToken = default) => local.ExistsAsync(Check(location), cancellationToken);

        public Task WriteAllBytesAsync(string location, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => local.WriteAllBytesAsync(Check(location), content, cancellationToken);

        public Task DeleteAsync(string location, CancellationToken cancellationToken = default) => local.DeleteAsync(Check(location), cancellationToken);

        private static string Check(string location) => CliSettingsResolver.IsS3(location)
            ? throw new CliException(ExitCodes.BadInput, $"'{location}': S3 locations are not supported by this build yet.")
            : location;
    }
}
