using System.Collections;
using System.Globalization;
using OrleansMaestro.Iceberg.Avro;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Manifests;

/// <summary>
/// Reads v1 and v2 manifests (spec: "Manifests") written by any Iceberg implementation. Fields are looked up by name in
/// the file's own writer schema, so extra, missing (v1: no content or sequence numbers) or reordered fields are fine.
/// </summary>
public sealed class ManifestReader
{
    private readonly AvroFileContents _file;

    public ManifestReader(ReadOnlySpan<byte> bytes)
    {
        _file = AvroContainerFile.Read(bytes);
        var entrySchema = _file.Schema;
        if (entrySchema.Kind != AvroKind.Record || entrySchema.FindField("data_file") is null)
        {
            throw new FormatException("Not an Iceberg manifest: the Avro records have no data_file field.");
        }

        SchemaJson = _file.MetadataString("schema");
        PartitionSpecJson = _file.MetadataString("partition-spec");
        PartitionSpecId = ParseInt(_file.MetadataString("partition-spec-id"));
        SchemaId = ParseInt(_file.MetadataString("schema-id"));
        FormatVersion = ParseInt(_file.MetadataString("format-version"))
            ?? (entrySchema.FindField("sequence_number") is null ? 1 : 2);
        Content = _file.MetadataString("content") == "deletes" ? ManifestContent.Deletes : ManifestContent.Data;
        var partitionField = ((AvroSchema)entrySchema.FindField("data_file")!.Schema.NonNull).FindField("partition");
        PartitionAvroSchema = partitionField?.Schema.NonNull;
    }

    /// <summary>The table schema JSON the manifest was written with (<c>schema</c> metadata key), if present.</summary>
    public string? SchemaJson { get; }

    /// <summary>The partition spec fields JSON array (<c>partition-spec</c> metadata key), if present.</summary>
    public string? PartitionSpecJson { get; }

    public int? PartitionSpecId { get; }

    public int? SchemaId { get; }

    /// <summary>1 or 2: from <c>format-version</c>, else inferred from the presence of <c>sequence_number</c>.</summary>
    public int FormatVersion { get; }

    public ManifestContent Content { get; }

    /// <summary>The Avro writer schema embedded in the file, exactly as written.</summary>
    public string AvroSchemaJson => _file.SchemaJson;

    private AvroSchema? PartitionAvroSchema { get; }

    /// <summary>Reads the entries of a manifest; see <see cref="ReadEntries(ManifestFile?, StructType?)"/>.</summary>
    public static IReadOnlyList<ManifestEntry> Read(ReadOnlySpan<byte> bytes, ManifestFile? manifest = null, StructType? partitionType = null) =>
        new ManifestReader(bytes).ReadEntries(manifest, partitionType);

    /// <summary>Reads the entries, decoding partition tuples with <c>spec.PartitionType(schema)</c>.</summary>
    public IReadOnlyList<ManifestEntry> ReadEntries(ManifestFile? manifest, PartitionSpec spec, Schema schema)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        return ReadEntries(manifest, spec.PartitionType(schema), spec.SpecId);
    }

    /// <summary>
    /// Reads the entries. Partition values are decoded to the .NET representation of <paramref name="partitionType"/>
    /// (matched by field id, else position); without it, types are inferred from the Avro schema. Given the manifest's
    /// list entry, null snapshot ids and sequence numbers are inherited (spec: "Sequence Number Inheritance").
    /// </summary>
    public IReadOnlyList<ManifestEntry> ReadEntries(ManifestFile? manifest = null, StructType? partitionType = null) =>
        ReadEntries(manifest, partitionType, manifest?.PartitionSpecId ?? PartitionSpecId ?? 0);

    private IReadOnlyList<ManifestEntry> ReadEntries(ManifestFile? manifest, StructType? partitionType, int specId)
    {
        var decoders = PartitionDecoders(partitionType);
        var result = new List<ManifestEntry>(_file.Records.Count);
        foreach (var o in _file.Records)
        {
            var r = (AvroRecord)o!;
            var status = (ManifestEntryStatus)Convert.ToInt32(r["status"], CultureInfo.InvariantCulture);
            var snapshotId = (long?)r["snapshot_id"];
            var seq = (long?)r["sequence_number"];
            var fileSeq = (long?)r["file_sequence_number"];
            if (manifest is not null)
            {
                snapshotId ??= manifest.AddedSnapshotId;

                // As Java's InheritableMetadataFactory: v1 sequence numbers are 0, and in v2 only ADDED entries inherit.
                if (manifest.SequenceNumber == 0 || status == ManifestEntryStatus.Added)
                {
                    seq ??= manifest.SequenceNumber;
                    fileSeq ??= manifest.SequenceNumber;
                }
            }
            else if (FormatVersion == 1)
            {
                seq ??= 0;
                fileSeq ??= 0;
            }

            var file = ReadDataFile((AvroRecord)r["data_file"]!, decoders, specId);
            result.Add(new ManifestEntry(status, snapshotId, seq, fileSeq, file));
        }

        return result;
    }

    private List<(string AvroName, AvroSchema Avro, PrimitiveType Type)> PartitionDecoders(StructType? partitionType)
    {
        var result = new List<(string, AvroSchema, PrimitiveType)>();
        var avroFields = PartitionAvroSchema?.Kind == AvroKind.Record ? PartitionAvroSchema.Fields : [];
        if (partitionType is null)
        {
            foreach (var f in avroFields)
            {
                result.Add((f.Name, f.Schema.NonNull, AvroTypes.InferType(f.Schema.NonNull)));
            }

            return result;
        }

        for (var i = 0; i < partitionType.Fields.Count; i++)
        {
            var pf = partitionType.Fields[i];
            var af = avroFields.FirstOrDefault(a => a.FieldId == pf.Id)
                ?? (i < avroFields.Count && avroFields[i].FieldId is null ? avroFields[i] : null)
                ?? throw new FormatException($"The manifest's partition struct has no field with id {pf.Id} ('{pf.Name}').");
            result.Add((af.Name, af.Schema.NonNull, pf.Type.AsPrimitive()));
        }

        return result;
    }

    private static DataFile ReadDataFile(AvroRecord r, List<(string AvroName, AvroSchema Avro, PrimitiveType Type)> decoders, int specId)
    {
        var partition = r["partition"] as AvroRecord;
        var values = new object?[decoders.Count];
        for (var i = 0; i < decoders.Count; i++)
        {
            var (name, avro, type) = decoders[i];
            values[i] = AvroTypes.FromAvro(type, avro, partition?[name]);
        }

        var format = (string)r["file_format"]!;
        return new DataFile
        {
            Content = r["content"] is { } c ? (DataFileContent)Convert.ToInt32(c, CultureInfo.InvariantCulture) : DataFileContent.Data,
            FilePath = (string)r["file_path"]!,
            FileFormat = Enum.TryParse<FileFormat>(format, ignoreCase: true, out var ff) ? ff : throw new FormatException($"Unknown file format '{format}'."),
            Partition = new StructValue(values),
            SpecId = specId,
            RecordCount = Convert.ToInt64(r["record_count"], CultureInfo.InvariantCulture),
            FileSizeInBytes = Convert.ToInt64(r["file_size_in_bytes"], CultureInfo.InvariantCulture),
            ColumnSizes = IntKeyMap(r["column_sizes"], v => Convert.ToInt64(v, CultureInfo.InvariantCulture)),
            ValueCounts = IntKeyMap(r["value_counts"], v => Convert.ToInt64(v, CultureInfo.InvariantCulture)),
            NullValueCounts = IntKeyMap(r["null_value_counts"], v => Convert.ToInt64(v, CultureInfo.InvariantCulture)),
            NanValueCounts = IntKeyMap(r["nan_value_counts"], v => Convert.ToInt64(v, CultureInfo.InvariantCulture)),
            LowerBounds = IntKeyMap(r["lower_bounds"], v => (byte[])v!),
            UpperBounds = IntKeyMap(r["upper_bounds"], v => (byte[])v!),
            KeyMetadata = r["key_metadata"] as byte[],
            SplitOffsets = (r["split_offsets"] as IList)?.Cast<object?>().Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray(),
            EqualityIds = (r["equality_ids"] as IList)?.Cast<object?>().Select(v => Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToArray(),
            SortOrderId = r["sort_order_id"] is { } so ? Convert.ToInt32(so, CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>Int-keyed maps are arrays of key/value records (spec appendix A); an Avro map with string keys is accepted too.</summary>
    private static Dictionary<int, T>? IntKeyMap<T>(object? value, Func<object?, T> convert)
    {
        switch (value)
        {
            case null:
                return null;
            case IDictionary<string, object?> map:
                return map.ToDictionary(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture), kv => convert(kv.Value));
            case IList list:
                var result = new Dictionary<int, T>(list.Count);
                foreach (AvroRecord kv in list)
                {
                    result[Convert.ToInt32(kv["key"], CultureInfo.InvariantCulture)] = convert(kv["value"]);
                }

                return result;
            default:
                throw new FormatException($"Unexpected Avro value for a map: {value.GetType()}.");
        }
    }

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
