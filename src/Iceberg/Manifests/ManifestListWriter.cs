using System.Globalization;
using OrleansMaestro.Iceberg.Avro;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Manifests;

/// <summary>
/// Writes a v2 manifest list (spec: "Manifest Lists") for one snapshot. Manifests added by this snapshot whose sequence
/// numbers are still <see cref="ManifestWriter.UnassignedSequenceNumber"/> get the snapshot's sequence number here,
/// which is what lets their ADDED entries inherit it (spec: "Sequence Number Inheritance").
/// </summary>
public sealed class ManifestListWriter
{
    private readonly long _snapshotId;
    private readonly long? _parentSnapshotId;
    private readonly long _sequenceNumber;
    private readonly AvroCodec _codec;
    private readonly List<ManifestFile> _manifests = [];

    public ManifestListWriter(long snapshotId, long? parentSnapshotId, long sequenceNumber, AvroCodec codec = AvroCodec.Deflate)
    {
        _snapshotId = snapshotId;
        _parentSnapshotId = parentSnapshotId;
        _sequenceNumber = sequenceNumber;
        _codec = codec;
    }

    /// <summary>The manifests as they will be written, with sequence numbers assigned.</summary>
    public IReadOnlyList<ManifestFile> Manifests => _manifests;

    public void Add(ManifestFile manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var m = manifest;
        if (m.SequenceNumber == ManifestWriter.UnassignedSequenceNumber)
        {
            if (m.AddedSnapshotId != _snapshotId)
            {
                throw new ArgumentException(
                    $"Manifest {m.ManifestPath} has no sequence number but was added by snapshot {m.AddedSnapshotId}, not {_snapshotId}.",
                    nameof(manifest));
            }

            m = m with { SequenceNumber = _sequenceNumber };
        }

        if (m.MinSequenceNumber == ManifestWriter.UnassignedSequenceNumber)
        {
            m = m with { MinSequenceNumber = m.SequenceNumber };
        }

        _manifests.Add(m);
    }

    public void AddRange(IEnumerable<ManifestFile> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        foreach (var m in manifests)
        {
            Add(m);
        }
    }

    public byte[] ToBytes()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["snapshot-id"] = _snapshotId.ToString(CultureInfo.InvariantCulture),
            ["parent-snapshot-id"] = _parentSnapshotId?.ToString(CultureInfo.InvariantCulture) ?? "null",
            ["sequence-number"] = _sequenceNumber.ToString(CultureInfo.InvariantCulture),
            ["format-version"] = "2",
        };
        return AvroContainerFile.Write(ManifestSchemas.ManifestFileV2(), metadata, _manifests.Select(ToRecord), _codec);
    }

    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes());
    }

    private static AvroRecord ToRecord(ManifestFile m) => new()
    {
        ["manifest_path"] = m.ManifestPath,
        ["manifest_length"] = m.ManifestLength,
        ["partition_spec_id"] = m.PartitionSpecId,
        ["content"] = (int)m.Content,
        ["sequence_number"] = m.SequenceNumber,
        ["min_sequence_number"] = m.MinSequenceNumber,
        ["added_snapshot_id"] = m.AddedSnapshotId,
        ["added_files_count"] = m.AddedFilesCount,
        ["existing_files_count"] = m.ExistingFilesCount,
        ["deleted_files_count"] = m.DeletedFilesCount,
        ["added_rows_count"] = m.AddedRowsCount,
        ["existing_rows_count"] = m.ExistingRowsCount,
        ["deleted_rows_count"] = m.DeletedRowsCount,
        ["partitions"] = m.Partitions?.Select(p => (object?)new AvroRecord
        {
            ["contains_null"] = p.ContainsNull,
            ["contains_nan"] = p.ContainsNan,
            ["lower_bound"] = p.LowerBound,
            ["upper_bound"] = p.UpperBound,
        }).ToList(),
        ["key_metadata"] = m.KeyMetadata,
    };
}
