using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// Reads table metadata files of format v1 and v2 and writes v2 (spec: "Table Metadata", appendix C).
/// Unknown top-level fields are kept in <see cref="TableMetadata.ExtraFields"/> and written back unchanged.
/// </summary>
public static class TableMetadataParser
{
    private static readonly HashSet<string> KnownFields =
    [
        "format-version", "table-uuid", "location", "last-sequence-number", "last-updated-ms", "last-column-id",
        "schema", "schemas", "current-schema-id", "partition-spec", "partition-specs", "default-spec-id",
        "last-partition-id", "properties", "current-snapshot-id", "snapshots", "snapshot-log", "metadata-log",
        "sort-orders", "default-sort-order-id", "refs",
    ];

    public static TableMetadata FromJson(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Table metadata is not valid JSON: {e.Message}", e);
        }

        return FromJson(node);
    }

    /// <summary>Reads a metadata file's bytes: UTF-8 JSON, or GZIP-compressed JSON (spec: "Table Metadata and Snapshots").</summary>
    public static TableMetadata FromJson(byte[] utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);

        // Java writes gzip-compressed metadata (*.gz.metadata.json) when write.metadata.compression-codec=gzip. The gzip
        // magic bytes cannot start a JSON text, so the content decides, not the file name.
        if (utf8Json is [0x1f, 0x8b, ..])
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(utf8Json, writable: false), CompressionMode.Decompress);
                using var json = new MemoryStream();
                gzip.CopyTo(json);
                utf8Json = json.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"Table metadata is gzip-compressed but cannot be decompressed: {e.Message}", e);
            }
        }

        return FromJson(Encoding.UTF8.GetString(utf8Json));
    }

    public static TableMetadata FromJson(JsonNode? node)
    {
        const string owner = "table metadata";
        var obj = JsonFields.AsObject(node, "Table metadata");
        try
        {
            return Parse(obj, owner);
        }
        catch (InvalidOperationException e)
        {
            // JsonNode throws InvalidOperationException for values of the wrong kind deep inside arrays.
            throw new InvalidDataException($"Table metadata is malformed: {e.Message}", e);
        }
    }

    private static TableMetadata Parse(JsonObject obj, string owner)
    {
        var formatVersion = JsonFields.Int(obj, "format-version", owner);
        if (formatVersion is < 1 or > 2)
        {
            throw new InvalidDataException($"Unsupported table format-version {formatVersion}: this library reads v1 and v2.");
        }

        var v1 = formatVersion == 1;

        IReadOnlyList<Schema> schemas;
        int currentSchemaId;
        if (JsonFields.Has(obj, "schemas"))
        {
            schemas = JsonFields.AsArray(obj["schemas"], "schemas").Select(SchemaParser.FromJson).ToArray();
            currentSchemaId = JsonFields.Int(obj, "current-schema-id", owner);
        }
        else if (v1)
        {
            var schema = SchemaParser.FromJson(JsonFields.Required(obj, "schema", owner));
            schemas = [schema];
            currentSchemaId = schema.SchemaId;
        }
        else
        {
            throw new InvalidDataException("Table metadata is missing required field 'schemas'.");
        }

        IReadOnlyList<PartitionSpec> specs;
        int defaultSpecId;
        if (JsonFields.Has(obj, "partition-specs"))
        {
            specs = JsonFields.AsArray(obj["partition-specs"], "partition-specs").Select(PartitionSpecParser.FromJson).ToArray();
            defaultSpecId = JsonFields.Int(obj, "default-spec-id", owner);
        }
        else if (v1)
        {
            specs = [new PartitionSpec(0, PartitionSpecParser.FieldsFromJson(JsonFields.Required(obj, "partition-spec", owner)))];
            defaultSpecId = 0;
        }
        else
        {
            throw new InvalidDataException("Table metadata is missing required field 'partition-specs'.");
        }

        var lastPartitionId = JsonFields.OptionalInt(obj, "last-partition-id", owner)
            ?? specs.Select(s => s.LastAssignedFieldId).DefaultIfEmpty(PartitionSpec.FirstFieldId - 1).Max();

        var sortOrders = JsonFields.Has(obj, "sort-orders")
            ? JsonFields.AsArray(obj["sort-orders"], "sort-orders").Select(SortOrderParser.FromJson).ToArray()
            : [SortOrder.Unsorted];

        var snapshots = JsonFields.Has(obj, "snapshots")
            ? JsonFields.AsArray(obj["snapshots"], "snapshots").Select(ParseSnapshot).ToArray()
            : [];

        // Java's v1 writers use -1 for "no current snapshot".
        var currentSnapshotId = JsonFields.OptionalLong(obj, "current-snapshot-id", owner);
        if (currentSnapshotId == -1)
        {
            currentSnapshotId = null;
        }

        var refs = new Dictionary<string, SnapshotRef>(StringComparer.Ordinal);
        if (JsonFields.Has(obj, "refs"))
        {
            foreach (var (name, value) in JsonFields.AsObject(obj["refs"], "refs"))
            {
                var ro = JsonFields.AsObject(value, $"refs.{name}");
                var refOwner = $"ref '{name}'";
                refs[name] = new SnapshotRef(JsonFields.Long(ro, "snapshot-id", refOwner), JsonFields.String(ro, "type", refOwner))
                {
                    MinSnapshotsToKeep = JsonFields.OptionalInt(ro, "min-snapshots-to-keep", refOwner),
                    MaxSnapshotAgeMs = JsonFields.OptionalLong(ro, "max-snapshot-age-ms", refOwner),
                    MaxRefAgeMs = JsonFields.OptionalLong(ro, "max-ref-age-ms", refOwner),
                };
            }
        }

        // Spec: with no "refs", the main branch is the current snapshot.
        if (!refs.ContainsKey(SnapshotRef.MainBranch) && currentSnapshotId is { } current)
        {
            refs[SnapshotRef.MainBranch] = new SnapshotRef(current, SnapshotRef.Branch);
        }

        var extra = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (!KnownFields.Contains(key))
            {
                extra[key] = value?.DeepClone();
            }
        }

        var tableUuid = JsonFields.OptionalString(obj, "table-uuid", owner);
        if (tableUuid is null && !v1)
        {
            throw new InvalidDataException("Table metadata is missing required field 'table-uuid'.");
        }

        var metadata = new TableMetadata
        {
            FormatVersion = formatVersion,
            TableUuid = tableUuid is null ? Guid.Empty : ParseGuid(tableUuid),
            Location = JsonFields.String(obj, "location", owner),
            LastSequenceNumber = v1 ? 0 : JsonFields.Long(obj, "last-sequence-number", owner),
            LastUpdatedMs = JsonFields.Long(obj, "last-updated-ms", owner),
            LastColumnId = JsonFields.Int(obj, "last-column-id", owner),
            Schemas = schemas,
            CurrentSchemaId = currentSchemaId,
            PartitionSpecs = specs,
            DefaultSpecId = defaultSpecId,
            LastPartitionId = lastPartitionId,
            Properties = JsonFields.StringMap(obj, "properties", owner),
            CurrentSnapshotId = currentSnapshotId,
            Snapshots = snapshots,
            SnapshotLog = JsonFields.Has(obj, "snapshot-log")
                ? JsonFields.AsArray(obj["snapshot-log"], "snapshot-log").Select(e =>
                {
                    var eo = JsonFields.AsObject(e, "snapshot-log entry");
                    return new SnapshotLogEntry(JsonFields.Long(eo, "timestamp-ms", "snapshot-log entry"), JsonFields.Long(eo, "snapshot-id", "snapshot-log entry"));
                }).ToArray()
                : [],
            MetadataLog = JsonFields.Has(obj, "metadata-log")
                ? JsonFields.AsArray(obj["metadata-log"], "metadata-log").Select(e =>
                {
                    var eo = JsonFields.AsObject(e, "metadata-log entry");
                    return new MetadataLogEntry(JsonFields.Long(eo, "timestamp-ms", "metadata-log entry"), JsonFields.String(eo, "metadata-file", "metadata-log entry"));
                }).ToArray()
                : [],
            SortOrders = sortOrders,
            DefaultSortOrderId = JsonFields.OptionalInt(obj, "default-sort-order-id", owner) ?? sortOrders[0].OrderId,
            Refs = refs,
            ExtraFields = extra,
        };

        Validate(metadata);
        return metadata;
    }

    public static string ToJson(TableMetadata metadata, bool indented = false) => Encoding.UTF8.GetString(ToUtf8Json(metadata, indented));

    /// <summary>Writes format v2 (a v1 table read by this library is upgraded on its next commit, as Java does when asked).</summary>
    public static byte[] ToUtf8Json(TableMetadata metadata, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteNumber("format-version", 2);
            w.WriteString("table-uuid", metadata.TableUuid.ToString("D"));
            w.WriteString("location", metadata.Location);
            w.WriteNumber("last-sequence-number", metadata.LastSequenceNumber);
            w.WriteNumber("last-updated-ms", metadata.LastUpdatedMs);
            w.WriteNumber("last-column-id", metadata.LastColumnId);
            w.WriteNumber("current-schema-id", metadata.CurrentSchemaId);
            w.WriteStartArray("schemas");
            foreach (var s in metadata.Schemas)
            {
                SchemaParser.Write(w, s);
            }

            w.WriteEndArray();
            w.WriteNumber("default-spec-id", metadata.DefaultSpecId);
            w.WriteStartArray("partition-specs");
            foreach (var s in metadata.PartitionSpecs)
            {
                PartitionSpecParser.Write(w, s);
            }

            w.WriteEndArray();
            w.WriteNumber("last-partition-id", metadata.LastPartitionId);
            w.WriteNumber("default-sort-order-id", metadata.DefaultSortOrderId);
            w.WriteStartArray("sort-orders");
            foreach (var o in metadata.SortOrders)
            {
                SortOrderParser.Write(w, o);
            }

            w.WriteEndArray();
            w.WriteStartObject("properties");
            foreach (var (k, v) in metadata.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(k, v);
            }

            w.WriteEndObject();
            if (metadata.CurrentSnapshotId is { } current)
            {
                w.WriteNumber("current-snapshot-id", current);
            }

            w.WriteStartObject("refs");
            foreach (var (name, r) in metadata.Refs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(name);
                w.WriteNumber("snapshot-id", r.SnapshotId);
                w.WriteString("type", r.Type);
                if (r.MinSnapshotsToKeep is { } min)
                {
                    w.WriteNumber("min-snapshots-to-keep", min);
                }

                if (r.MaxSnapshotAgeMs is { } maxAge)
                {
                    w.WriteNumber("max-snapshot-age-ms", maxAge);
                }

                if (r.MaxRefAgeMs is { } maxRef)
                {
                    w.WriteNumber("max-ref-age-ms", maxRef);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("snapshots");
            foreach (var s in metadata.Snapshots)
            {
                WriteSnapshot(w, s);
            }

            w.WriteEndArray();
            w.WriteStartArray("snapshot-log");
            foreach (var e in metadata.SnapshotLog)
            {
                w.WriteStartObject();
                w.WriteNumber("timestamp-ms", e.TimestampMs);
                w.WriteNumber("snapshot-id", e.SnapshotId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("metadata-log");
            foreach (var e in metadata.MetadataLog)
            {
                w.WriteStartObject();
                w.WriteNumber("timestamp-ms", e.TimestampMs);
                w.WriteString("metadata-file", e.MetadataFile);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            foreach (var (key, value) in metadata.ExtraFields)
            {
                w.WritePropertyName(key);
                if (value is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    value.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static void WriteSnapshot(Utf8JsonWriter w, Snapshot s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        w.WriteNumber("snapshot-id", s.SnapshotId);
        if (s.ParentSnapshotId is { } parent)
        {
            w.WriteNumber("parent-snapshot-id", parent);
        }

        w.WriteNumber("sequence-number", s.SequenceNumber);
        w.WriteNumber("timestamp-ms", s.TimestampMs);
        w.WriteString("manifest-list", s.ManifestList);
        w.WriteStartObject("summary");
        w.WriteString("operation", s.Operation);
        foreach (var (k, v) in s.Summary.Where(p => p.Key != "operation").OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
        if (s.SchemaId is { } schemaId)
        {
            w.WriteNumber("schema-id", schemaId);
        }

        w.WriteEndObject();
    }

    private static Snapshot ParseSnapshot(JsonNode? node)
    {
        var o = JsonFields.AsObject(node, "A snapshot");
        var id = JsonFields.Long(o, "snapshot-id", "snapshot");
        var owner = $"snapshot {id}";
        if (!JsonFields.Has(o, "manifest-list"))
        {
            // v1 allowed listing manifests inline; no current writer does, and supporting it would mean a second planning path.
            throw new InvalidDataException($"{owner} has no 'manifest-list' (inline 'manifests' of early v1 tables are not supported).");
        }

        var summary = JsonFields.StringMap(o, "summary", owner);
        summary.TryAdd("operation", SnapshotOperation.Append);
        return new Snapshot
        {
            SnapshotId = id,
            ParentSnapshotId = JsonFields.OptionalLong(o, "parent-snapshot-id", owner),
            SequenceNumber = JsonFields.OptionalLong(o, "sequence-number", owner) ?? 0,
            TimestampMs = JsonFields.Long(o, "timestamp-ms", owner),
            ManifestList = JsonFields.String(o, "manifest-list", owner),
            Summary = summary,
            SchemaId = JsonFields.OptionalInt(o, "schema-id", owner),
        };
    }

    private static Guid ParseGuid(string text) =>
        Guid.TryParse(text, out var g) ? g : throw new InvalidDataException($"Table metadata field 'table-uuid' is not a UUID: '{text}'.");

    private static void Validate(TableMetadata m)
    {
        _ = m.SchemaById(m.CurrentSchemaId);
        _ = m.SpecById(m.DefaultSpecId);
        if (m.CurrentSnapshotId is { } id && m.SnapshotById(id) is null)
        {
            throw new InvalidDataException($"Table metadata's current-snapshot-id {id} is not among its snapshots.");
        }
    }
}
