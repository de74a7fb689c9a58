namespace OrleansMaestro.Iceberg.IO;

/// <summary>Pure helpers for storage locations (local paths, <c>file:</c> URIs, <c>s3://</c> / <c>s3a://</c> URIs).</summary>
public static class Locations
{
    /// <summary>
    /// The location's URI scheme in lower case (<c>file</c>, <c>s3</c>, <c>s3a</c>, ...), or <c>null</c> for a plain path.
    /// A single letter before the colon is a Windows drive (<c>C:\x</c>), not a scheme.
    /// </summary>
    public static string? GetScheme(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !char.IsAsciiLetter(location[0]))
        {
            return null;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = location[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return null;
            }
        }

        return location[..colon].ToLowerInvariant();
    }

    /// <summary>Whether the location is on S3 (<c>s3://</c>, <c>s3a://</c> or <c>s3n://</c>, as other engines write them).</summary>
    public static bool IsS3(string location) => GetScheme(location) is "s3" or "s3a" or "s3n";

    /// <summary>Whether the location is local (a plain path or a <c>file:</c> URI).</summary>
    public static bool IsLocal(string location) => GetScheme(location) is null or "file";

    /// <summary>
    /// Joins a base location and a relative path with exactly one <c>/</c> between them, whatever trailing or leading
    /// slashes either side has. Works the same for paths and URIs because both use <c>/</c> (Iceberg never writes <c>\</c>).
    /// </summary>
    public static string Join(string baseLocation, string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseLocation);
        ArgumentNullException.ThrowIfNull(relativePath);
        var trimmedBase = baseLocation.TrimEnd('/');
        var trimmedRelative = relativePath.TrimStart('/');
        if (trimmedRelative.Length == 0)
        {
            return trimmedBase;
        }

        // "s3://" or "/" alone: trimming removed the slashes that belong to the root, so put one back.
        if (trimmedBase.Length == 0 || trimmedBase.EndsWith(':'))
        {
            return baseLocation + trimmedRelative;
        }

        return trimmedBase + "/" + trimmedRelative;
    }
}
