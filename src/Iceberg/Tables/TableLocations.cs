using System.Globalization;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// File naming under a table location, following the layout Java and PyIceberg use
/// (<c>metadata/00001-uuid.metadata.json</c>, <c>metadata/snap-ID-N-uuid.avro</c>, <c>data/...parquet</c>).
/// </summary>
public static class TableLocations
{
    public static string Join(string location, string relative)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(relative);
        return location.TrimEnd('/') + "/" + relative.TrimStart('/');
    }

    public static string MetadataFile(string tableLocation, int version) =>
        Join(tableLocation, $"metadata/{version.ToString("D5", CultureInfo.InvariantCulture)}-{Guid.NewGuid():D}.metadata.json");

    public static string ManifestList(string tableLocation, long snapshotId, int attempt) =>
        Join(tableLocation, $"metadata/snap-{snapshotId.ToString(CultureInfo.InvariantCulture)}-{attempt.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():D}.avro");

    public static string Manifest(string tableLocation, Guid commitId, int index) =>
        Join(tableLocation, $"metadata/{commitId:D}-m{index.ToString(CultureInfo.InvariantCulture)}.avro");

    public static string DataFile(string tableLocation, string? partitionPath, string fileName) =>
        Join(tableLocation, string.IsNullOrEmpty(partitionPath) ? $"data/{fileName}" : $"data/{partitionPath}/{fileName}");

    /// <summary>The version number of a metadata file name (<c>00012-uuid.metadata.json</c> -> 12, also Hadoop's <c>v12.metadata.json</c>), or null.</summary>
    public static int? VersionOf(string metadataLocation)
    {
        ArgumentNullException.ThrowIfNull(metadataLocation);
        var name = metadataLocation[(metadataLocation.LastIndexOf('/') + 1)..];
        var digits = name.StartsWith('v') ? name[1..] : name;
        var end = 0;
        while (end < digits.Length && char.IsAsciiDigit(digits[end]))
        {
            end++;
        }

        return end > 0 && int.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>The table root of a metadata file location (the folder above <c>metadata/</c>).</summary>
    public static string TableRootOf(string metadataLocation)
    {
        ArgumentNullException.ThrowIfNull(metadataLocation);
        var folder = metadataLocation[..metadataLocation.LastIndexOf('/')];
        return folder.EndsWith("/metadata", StringComparison.Ordinal) ? folder[..^"/metadata".Length] : folder;
    }
}
