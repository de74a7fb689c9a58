using System.Globalization;
using OrleansMaestro.Iceberg.Avro;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Manifests;

/// <summary>
/// Writes a v2 manifest (spec: "Manifests") in memory: an Avro object container file of <c>manifest_entry</c> records
/// for one partition spec. ADDED entries are written with null sequence numbers so they inherit the snapshot's sequence
/// number from the manifest list (spec: "Sequence Number Inheritance"); the bytes can therefore be written before the
/// commit's sequence number is known.
/// </summary>
public sealed class ManifestWriter
{
    /// <summary>The sequence number of a manifest (or its minimum) not yet known; the manifest list writer assigns it.</summary>
    public const long UnassignedSequenceNumber = -1;

    private readonly Schema _schema;
    private readonly PartitionSpec _spec;
    private readonly StructType _partitionType;
    private readonly ManifestContent _content;
    private readonly long _snapshotId;
    private readonly AvroCodec _codec;
    private readonly List<ManifestEntry> _entries = [];

    public ManifestWriter(Schema schema, PartitionSpec spec, ManifestContent content, long snapshotId, AvroCodec codec = AvroCodec.Deflate)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(spec);
        _schema = schema;
        _spec = spec;
        _partitionType = spec.PartitionType(schema);
        _content = content;
        _snapshotId = snapshotId;
        _codec = codec;
    }

    public IReadOnlyList<ManifestEntry> Entries => _entries;

    /// <summary>Adds a file written by this snapshot (status ADDED; snapshot id and sequence numbers inherited).</summary>
    public void Add(DataFile file) => Add(new ManifestEntry(ManifestEntryStatus.Added, _snapshotId, null, null, file));

    /// <summary>
    /// Adds an entry as ADDED by this snapshot. Explicit sequence numbers on the entry are kept (e.g. a rewrite that must
    /// preserve the data sequence number); null ones are inherited at read time.
    /// </summary>
    public void Add(ManifestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Append(entry with { Status = ManifestEntryStatus.Added, SnapshotId = _snapshotId });
    }

    /// <summary>Carries over a live file from an earlier snapshot; its snapshot id and sequence numbers must be known.</summary>
    public void Existing(ManifestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        RequireSequenceNumbers(entry, "EXISTING");
        Append(entry with { Status = ManifestEntryStatus.Existing });
    }

    public void Existing(DataFile file, long snapshotId, long sequenceNumber, long? fileSequenceNumber) =>
        Existing(new ManifestEntry(ManifestEntryStatus.Existing, snapshotId, sequenceNumber, fileSequenceNumber ?? sequenceNumber, file));

    /// <summary>Marks a file deleted by this snapshot; it keeps its sequence numbers (spec: "Manifest Entry Fields").</summary>
    public void Delete(ManifestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        RequireSequenceNumbers(entry, "DELETED");
        Append(entry with { Status = ManifestEntryStatus.Deleted, SnapshotId = _snapshotId });
    }

    public void Delete(DataFile file, long sequenceNumber, long? fileSequenceNumber) =>
        Delete(new ManifestEntry(ManifestEntryStatus.Deleted, _snapshotId, sequenceNumber, fileSequenceNumber ?? sequenceNumber, file));

    public byte[] ToBytes()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["schema"] = SchemaParser.ToJson(_schema),
            ["schema-id"] = _schema.SchemaId.ToString(CultureInfo.InvariantCulture),
            ["partition-spec"] = PartitionSpecParser.FieldsToJson(_spec),
            ["partition-spec-id"] = _spec.SpecId.ToString(CultureInfo.InvariantCulture),
            ["format-version"] = "2",
            ["content"] = _content == ManifestContent.Deletes ? "deletes" : "data",
        };
        return AvroContainerFile.Write(ManifestSchemas.ManifestEntryV2(_partitionType), metadata, _entries.Select(ToRecord), _codec);
    }

    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes());
    }

    /// <summary>
    /// The manifest list entry for this manifest once written to <paramref name="path"/> with <paramref name="length"/> bytes.
    /// Sequence numbers are <see cref="UnassignedSequenceNumber"/> unless known from EXISTING/DELETED entries;
    /// <see cref="ManifestListWriter"/> fills them in with the commit's sequence number.
    /// </summary>
    public ManifestFile ToManifestFile(string path, long length)
    {
        ArgumentNullException.ThrowIfNull(path);
        var summaries = _partitionType.Fields.Select(f => new PartitionSummaryBuilder(f.Type.AsPrimitive())).ToArray();
        long? minSeq = null;
        foreach (var e in _entries)
        {
            for (var i = 0; i < summaries.Length; i++)
            {
                summaries[i].Update(e.DataFile.Partition[i]);
            }

            if (e.SequenceNumber is { } s)
            {
                minSeq = minSeq is null ? s : Math.Min(minSeq.Value, s);
            }
        }

        // An added entry without an explicit sequence number gets the new (largest) one, so it never lowers the minimum;
        // with only such entries the minimum is the commit's sequence number, which is not known yet.
        return new ManifestFile
        {
            ManifestPath = path,
            ManifestLength = length,
            PartitionSpecId = _spec.SpecId,
            Content = _content,
            SequenceNumber = UnassignedSequenceNumber,
            MinSequenceNumber = minSeq ?? UnassignedSequenceNumber,
            AddedSnapshotId = _snapshotId,
            AddedFilesCount = Count(ManifestEntryStatus.Added),
            ExistingFilesCount = Count(ManifestEntryStatus.Existing),
            DeletedFilesCount = Count(ManifestEntryStatus.Deleted),
            AddedRowsCount = Rows(ManifestEntryStatus.Added),
            ExistingRowsCount = Rows(ManifestEntryStatus.Existing),
            DeletedRowsCount = Rows(ManifestEntryStatus.Deleted),
            Partitions = summaries.Select(s => s.ToSummary()).ToArray(),
        };
    }

    private static void RequireSequenceNumbers(ManifestEntry entry, string status)
    {
        if (entry.SnapshotId is null || entry.SequenceNumber is null)
        {
            throw new ArgumentException(
                $"A {status} manifest entry must carry its snapshot id and sequence number (read it with inheritance applied): {entry.DataFile.FilePath}.",
                nameof(entry));
        }
    }

    private int Count(ManifestEntryStatus status) => _entries.Count(e => e.Status == status);

    private long Rows(ManifestEntryStatus status) => _entries.Where(e => e.Status == status).Sum(e => e.DataFile.RecordCount);

    private void Append(ManifestEntry entry)
    {
        var file = entry.DataFile;
        var isDelete = file.Content != DataFileContent.Data;
        if (isDelete != (_content == ManifestContent.Deletes))
        {
            throw new ArgumentException($"A {_content} manifest cannot hold {file.Content} file {file.FilePath}.", nameof(entry));
        }

        if (file.Partition.Count != _partitionType.Fields.Count)
        {
            throw new ArgumentException(
                $"File {file.FilePath} has a partition tuple of {file.Partition.Count} values; spec {_spec.SpecId} has {_partitionType.Fields.Count} fields.",
                nameof(entry));
        }

        _entries.Add(entry);
    }

    private AvroRecord ToRecord(ManifestEntry entry)
    {
        var file = entry.DataFile;
        var partition = new AvroRecord();
        for (var i = 0; i < _partitionType.Fields.Count; i++)
        {
            var f = _partitionType.Fields[i];
            partition[AvroTypes.SanitizeName(f.Name)] = AvroTypes.ToAvro(f.Type.AsPrimitive(), file.Partition[i]);
        }

        var df = new AvroRecord
        {
            ["content"] = (int)file.Content,
            ["file_path"] = file.FilePath,
            ["file_format"] = file.FileFormat.ToString().ToUpperInvariant(),
            ["partition"] = partition,
            ["record_count"] = file.RecordCount,
            ["file_size_in_bytes"] = file.FileSizeInBytes,
            ["column_sizes"] = IntKeyMap(file.ColumnSizes),
            ["value_counts"] = IntKeyMap(file.ValueCounts),
            ["null_value_counts"] = IntKeyMap(file.NullValueCounts),
            ["nan_value_counts"] = IntKeyMap(file.NanValueCounts),
            ["lower_bounds"] = IntKeyMap(file.LowerBounds),
            ["upper_bounds"] = IntKeyMap(file.UpperBounds),
            ["key_metadata"] = file.KeyMetadata,
            ["split_offsets"] = file.SplitOffsets?.Select(o => (object?)o).ToList(),
            ["equality_ids"] = file.EqualityIds?.Select(o => (object?)o).ToList(),
            ["sort_order_id"] = file.SortOrderId,
        };
        return new AvroRecord
        {
            ["status"] = (int)entry.Status,
            ["snapshot_id"] = entry.SnapshotId,
            ["sequence_number"] = entry.SequenceNumber,
            ["file_sequence_number"] = entry.FileSequenceNumber,
            ["data_file"] = df,
        };
    }

    private static List<object?>? IntKeyMap<TValue>(IReadOnlyDictionary<int, TValue>? map) =>
        map?.OrderBy(kv => kv.Key).Select(kv => (object?)new AvroRecord { ["key"] = kv.Key, ["value"] = kv.Value }).ToList();
}
