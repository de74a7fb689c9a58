using System.Collections;
using System.Globalization;
using OrleansMaestro.Iceberg.Avro;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Manifests;

/// <summary>
/// Reads v1 and v2 manifest lists (spec: "Manifest Lists") by field name. v1 lists have no content or sequence numbers
/// (read as data and 0) and name the file counts <c>added_data_files_count</c> etc.
/// </summary>
public sealed class ManifestListReader
{
    public ManifestListReader(ReadOnlySpan<byte> bytes)
    {
        var file = AvroContainerFile.Read(bytes);
        if (file.Schema.Kind != AvroKind.Record || file.Schema.FindField("manifest_path") is null)
        {
            throw new FormatException("Not an Iceberg manifest list: the Avro records have no manifest_path field.");
        }

        SnapshotId = ParseLong(file.MetadataString("snapshot-id"));
        ParentSnapshotId = ParseLong(file.MetadataString("parent-snapshot-id"));
        SequenceNumber = ParseLong(file.MetadataString("sequence-number"));
        FormatVersion = (int?)ParseLong(file.MetadataString("format-version")) ?? (file.Schema.FindField("sequence_number") is null ? 1 : 2);
        Manifests = file.Records.Select(r => ToManifestFile((AvroRecord)r!, SnapshotId)).ToArray();
    }

    public long? SnapshotId { get; }

    /// <summary>The parent snapshot id; null for the first snapshot (Java writes the string "null").</summary>
    public long? ParentSnapshotId { get; }

    public long? SequenceNumber { get; }

    public int FormatVersion { get; }

    public IReadOnlyList<ManifestFile> Manifests { get; }

    public static IReadOnlyList<ManifestFile> Read(ReadOnlySpan<byte> bytes) => new ManifestListReader(bytes).Manifests;

    private static ManifestFile ToManifestFile(AvroRecord r, long? listSnapshotId) => new()
    {
        ManifestPath = (string)r["manifest_path"]!,
        ManifestLength = Long(r["manifest_length"]) ?? 0,
        PartitionSpecId = Int(r["partition_spec_id"]) ?? 0,
        Content = (ManifestContent)(Int(r["content"]) ?? 0),
        SequenceNumber = Long(r["sequence_number"]) ?? 0,
        MinSequenceNumber = Long(r["min_sequence_number"]) ?? 0,
        AddedSnapshotId = Long(r["added_snapshot_id"]) ?? listSnapshotId ?? 0,
        AddedFilesCount = Int(r["added_files_count"] ?? r["added_data_files_count"]) ?? 0,
        ExistingFilesCount = Int(r["existing_files_count"] ?? r["existing_data_files_count"]) ?? 0,
        DeletedFilesCount = Int(r["deleted_files_count"] ?? r["deleted_data_files_count"]) ?? 0,
        AddedRowsCount = Long(r["added_rows_count"]) ?? 0,
        ExistingRowsCount = Long(r["existing_rows_count"]) ?? 0,
        DeletedRowsCount = Long(r["deleted_rows_count"]) ?? 0,
        Partitions = (r["partitions"] as IList)?.Cast<AvroRecord>().Select(p => new FieldSummary(
            p["contains_null"] is true,
            p["contains_nan"] as bool?,
            p["lower_bound"] as byte[],
            p["upper_bound"] as byte[])).ToArray(),
        KeyMetadata = r["key_metadata"] as byte[],
    };

    private static int? Int(object? v) => v is null ? null : Convert.ToInt32(v, CultureInfo.InvariantCulture);

    private static long? Long(object? v) => v is null ? null : Convert.ToInt64(v, CultureInfo.InvariantCulture);

    private static long? ParseLong(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
