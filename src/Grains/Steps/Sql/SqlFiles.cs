using OrleansMaestro.Iceberg.IO;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>File housekeeping shared by the SQL step's parts.</summary>
internal static class SqlFiles
{
    /// <summary>Best-effort removal of an uncommitted file: an orphan is harmless (nothing references it), failing the step over it is not.</summary>
    public static async Task DeleteQuietlyAsync(IFileIO io, string location)
    {
        try
        {
            await io.DeleteAsync(location, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Amazon.Runtime.AmazonClientException)
        {
        }
    }

    /// <summary>Removes a scratch folder, ignoring files something still holds open.</summary>
    public static void DeleteFolderQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
