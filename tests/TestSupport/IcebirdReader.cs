using System.Text.Json.Nodes;

namespace OrleansMaestro.Testing;

/// <summary>
/// Reads an Iceberg table with icebird, an independent JavaScript implementation (npm), through
/// tests/tools/read-iceberg.mjs. Values come back as icebird produces them, tagged where JSON cannot hold them:
/// <c>{"$bigint": "…"}</c>, <c>{"$date": "ISO"}</c>, <c>{"$bytes": "hex"}</c>.
/// </summary>
public static class IcebirdReader
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The current snapshot's rows of the table whose metadata file is <paramref name="metadataLocation"/>.</summary>
    /// <param name="metadataLocation">A local path or an <c>s3://</c> URI of a metadata.json file.</param>
    /// <param name="s3Endpoint">The path-style S3 endpoint that serves s3:// locations, if any.</param>
    public static async Task<IReadOnlyList<JsonObject>> ReadAsync(string metadataLocation, string? s3Endpoint = null, CancellationToken cancellationToken = default)
    {
        string[] arguments = s3Endpoint is null ? [metadataLocation] : [metadataLocation, s3Endpoint];
        var stdout = await NodeScript.RunAsync("read-iceberg.mjs", arguments, $"icebird reading {metadataLocation}", Timeout, cancellationToken);
        return stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)?.AsObject() ?? throw new InvalidDataException($"icebird printed a non-object line: {line}"))
            .ToArray();
    }
}
