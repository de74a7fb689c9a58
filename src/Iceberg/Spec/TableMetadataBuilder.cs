namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// The metadata transitions of the spec: creating a table, adding a snapshot, changing the schema,
/// removing snapshots. Each returns a new immutable <see cref="TableMetadata"/>.
/// </summary>
public static class TableMetadataBuilder
{
    /// <summary>How many previous metadata files the metadata log keeps (Iceberg's <c>write.metadata.previous-versions-max</c> default).</summary>
    public const int DefaultPreviousVersionsMax = 100;

    public static TableMetadata NewTable(Schema schema, PartitionSpec spec, string location, IReadOnlyDictionary<string, string>? properties, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        ValidateSpec(schema, spec);
        return new TableMetadata
        {
            FormatVersion = 2,
            TableUuid = Guid.NewGuid(),
            Location = location.TrimEnd('/'),
            LastSequenceNumber = 0,
            LastUpdatedMs = nowMs,
            LastColumnId = schema.HighestFieldId,
            Schemas = [schema.WithSchemaId(0)],
            CurrentSchemaId = 0,
            PartitionSpecs = [new PartitionSpec(0, spec.Fields)],
            DefaultSpecId = 0,
            LastPartitionId = spec.LastAssignedFieldId,
            Properties = properties is null ? new Dictionary<string, string>() : new Dictionary<string, string>(properties),
        };
    }

    /// <summary>Makes <paramref name="snapshot"/> the current snapshot of the main branch.</summary>
    public static TableMetadata AddSnapshot(TableMetadata metadata, Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (metadata.SnapshotById(snapshot.SnapshotId) is not null)
        {
            throw new InvalidOperationException($"Snapshot id {snapshot.SnapshotId} already exists in the table.");
        }

        if (snapshot.SequenceNumber <= metadata.LastSequenceNumber && metadata.FormatVersion > 1)
        {
            throw new InvalidOperationException($"Snapshot sequence number {snapshot.SequenceNumber} must be greater than the table's last sequence number {metadata.LastSequenceNumber}.");
        }

        var refs = new Dictionary<string, SnapshotRef>(metadata.Refs)
        {
            [SnapshotRef.MainBranch] = metadata.Refs.TryGetValue(SnapshotRef.MainBranch, out var main)
                ? main with { SnapshotId = snapshot.SnapshotId }
                : new SnapshotRef(snapshot.SnapshotId, SnapshotRef.Branch),
        };
        return metadata with
        {
            FormatVersion = 2,
            LastSequenceNumber = snapshot.SequenceNumber,
            LastUpdatedMs = Math.Max(metadata.LastUpdatedMs, snapshot.TimestampMs),
            CurrentSnapshotId = snapshot.SnapshotId,
            Snapshots = [.. metadata.Snapshots, snapshot],
            SnapshotLog = [.. metadata.SnapshotLog, new SnapshotLogEntry(snapshot.TimestampMs, snapshot.SnapshotId)],
            Refs = refs,
        };
    }

    /// <summary>Adds a schema and makes it current (or reuses an existing identical one).</summary>
    public static TableMetadata SetCurrentSchema(TableMetadata metadata, Schema schema, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(schema);
        var existing = metadata.Schemas.FirstOrDefault(s => s.SameStructure(schema));
        if (existing is not null)
        {
            return metadata with { CurrentSchemaId = existing.SchemaId, LastUpdatedMs = nowMs };
        }

        var newSchema = schema.WithSchemaId(metadata.Schemas.Max(s => s.SchemaId) + 1);
        return metadata with
        {
            Schemas = [.. metadata.Schemas, newSchema],
            CurrentSchemaId = newSchema.SchemaId,
            LastColumnId = Math.Max(metadata.LastColumnId, newSchema.HighestFieldId),
            LastUpdatedMs = nowMs,
        };
    }

    /// <summary>Removes snapshots (expiry); the current snapshot and snapshots referenced by refs must not be among them.</summary>
    public static TableMetadata RemoveSnapshots(TableMetadata metadata, IReadOnlySet<long> snapshotIds, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshotIds);
        if (metadata.CurrentSnapshotId is { } current && snapshotIds.Contains(current))
        {
            throw new InvalidOperationException("The current snapshot cannot be expired.");
        }

        var referenced = metadata.Refs.Where(r => snapshotIds.Contains(r.Value.SnapshotId)).Select(r => r.Key).ToArray();
        if (referenced.Length > 0)
        {
            throw new InvalidOperationException($"Snapshots referenced by {string.Join(", ", referenced)} cannot be expired.");
        }

        return metadata with
        {
            Snapshots = metadata.Snapshots.Where(s => !snapshotIds.Contains(s.SnapshotId)).ToArray(),
            SnapshotLog = metadata.SnapshotLog.Where(e => !snapshotIds.Contains(e.SnapshotId)).ToArray(),
            LastUpdatedMs = nowMs,
        };
    }

    /// <summary>Records the metadata file being replaced in the metadata log, keeping the newest <paramref name="maxEntries"/>.</summary>
    public static TableMetadata WithPreviousMetadata(TableMetadata metadata, string previousMetadataLocation, long previousLastUpdatedMs, int maxEntries = DefaultPreviousVersionsMax)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var log = metadata.MetadataLog.Append(new MetadataLogEntry(previousLastUpdatedMs, previousMetadataLocation)).ToArray();
        return metadata with { MetadataLog = log.Length > maxEntries ? log[^maxEntries..] : log };
    }

    private static void ValidateSpec(Schema schema, PartitionSpec spec)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in spec.Fields)
        {
            var source = schema.FindField(f.SourceId)
                ?? throw new ArgumentException($"Partition field '{f.Name}' refers to column id {f.SourceId}, which is not in the schema.");
            if (!f.Transform.CanTransform(source.Type))
            {
                throw new ArgumentException($"Partition field '{f.Name}': transform {f.Transform} cannot be applied to column '{source.Name}' of type {source.Type}.");
            }

            if (!names.Add(f.Name))
            {
                throw new ArgumentException($"Partition field name '{f.Name}' is used twice.");
            }
        }
    }
}
