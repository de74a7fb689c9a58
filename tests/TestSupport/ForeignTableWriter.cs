using System.Globalization;
using System.Text.Json;

namespace OrleansMaestro.Testing;

/// <summary>
/// Writes an Iceberg table with tests/tools/write-iceberg.mjs: laid out as Iceberg Java/Spark writes tables (Avro
/// manifests and manifest lists, Parquet data, position and equality delete files, Hadoop or metastore metadata file
/// names), by JavaScript libraries that share no code with this repository (hyparquet-writer, avsc).
/// </summary>
public static class ForeignTableWriter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Writes the table's files under <paramref name="folder"/> and returns what the script reports.</summary>
    /// <param name="formatVersion">1 (no row-level deletes, old-style metadata) or 2.</param>
    /// <param name="locationPrefix">The table location written into the metadata; by default the folder's path.</param>
    /// <param name="importedFiles">
    /// The first snapshot's data files are written as Spark's add_files/migrate import Hive files: no field ids, no
    /// identity partition column, a column renamed since (column 2 is <c>customer_name</c>, <c>name</c> in those
    /// files), with the table property <c>schema.name-mapping.default</c> mapping them.
    /// </param>
    /// <param name="gzipMetadata">Metadata files gzip-compressed, named <c>*.gz.metadata.json</c> (Java's <c>write.metadata.compression-codec=gzip</c>).</param>
    /// <param name="parquetCodec">snappy (the default), gzip, brotli or uncompressed.</param>
    public static async Task<ForeignTable> WriteAsync(
        string folder,
        int formatVersion = 2,
        string? locationPrefix = null,
        bool importedFiles = false,
        bool gzipMetadata = false,
        string? parquetCodec = null,
        CancellationToken cancellationToken = default)
    {
        List<string> arguments = [folder, "--format-version", formatVersion.ToString(CultureInfo.InvariantCulture)];
        if (locationPrefix is not null)
        {
            arguments.AddRange(["--location-prefix", locationPrefix]);
        }

        if (importedFiles)
        {
            arguments.Add("--imported-files");
        }

        if (gzipMetadata)
        {
            arguments.Add("--gzip-metadata");
        }

        if (parquetCodec is not null)
        {
            arguments.AddRange(["--parquet-codec", parquetCodec]);
        }

        var stdout = await NodeScript.RunAsync("write-iceberg.mjs", arguments, $"write-iceberg.mjs writing {folder}", Timeout, cancellationToken);
        return JsonSerializer.Deserialize<ForeignTable>(stdout.Trim(), Json)
            ?? throw new InvalidDataException($"write-iceberg.mjs printed no table: {stdout}");
    }
}
