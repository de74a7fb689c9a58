using System.Diagnostics;
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
        await TestTools.EnsureInstalledAsync(cancellationToken);
        var startInfo = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.ToolsDirectory,
        };
        startInfo.ArgumentList.Add(TestTools.Script("read-iceberg.mjs"));
        startInfo.ArgumentList.Add(metadataLocation);
        if (s3Endpoint is not null)
        {
            startInfo.ArgumentList.Add(s3Endpoint);
        }

        using var node = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node; install Node.js.");
        var stdout = node.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = node.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"icebird did not read {metadataLocation} within {Timeout}.");
        }

        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"icebird failed to read {metadataLocation} (exit {node.ExitCode}): {await stderr}");
        }

        return (await stdout)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)?.AsObject() ?? throw new InvalidDataException($"icebird printed a non-object line: {line}"))
            .ToArray();
    }
}
