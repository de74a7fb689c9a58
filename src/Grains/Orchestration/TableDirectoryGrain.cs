using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// Reads the silo's catalog for the table list and table details (a stateless worker: any silo answers). The catalog
/// is the truth about tables; the table grains add their subscribers and the registry the workflows that write them.
/// </summary>
[StatelessWorker]
public sealed class TableDirectoryGrain(SqlCatalog catalog) : Grain, ITableDirectoryGrain
{
    /// <summary>How many tables' metadata files are read at once for the list.</summary>
    private const int LoadConcurrency = 8;

    public async Task<IReadOnlyList<TableSummary>> ListTablesAsync()
    {
        var ids = new List<TableIdentifier>();
        foreach (var ns in await catalog.ListNamespacesAsync())
        {
            ids.AddRange(await catalog.ListTablesAsync(ns));
        }

        var summaries = new List<TableSummary>(ids.Count);
        foreach (var chunk in ids.Chunk(LoadConcurrency))
        {
            summaries.AddRange((await Task.WhenAll(chunk.Select(SummaryAsync))).OfType<TableSummary>());
        }

        return [.. summaries.OrderBy(t => t.Table, StringComparer.Ordinal)];
    }

    public async Task<TableDetails?> GetTableAsync(string table)
    {
        TableIdentifier id;
        try
        {
            id = TableIdentifier.Parse(table);
        }
        catch (FormatException e)
        {
            throw new InvalidFieldException(e.Message, nameof(table));
        }

        Iceberg.Tables.Table loaded;
        try
        {
            loaded = await catalog.LoadTableAsync(id);
        }
        catch (NoSuchTableException)
        {
            return null;
        }

        var name = id.ToString();
        var metadata = loaded.Metadata;
        var current = metadata.CurrentSnapshot;
        var subscribers = (await GrainFactory.GetGrain<ITableGrain>(name).GetAsync()).Subscribers;
        var writers = (await GrainFactory.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key).ListAsync())
            .Where(w => w.Writes.Contains(name, StringComparer.Ordinal))
            .Select(w => w.Id)
            .ToArray();
        return new TableDetails
        {
            Table = name,
            MetadataLocation = loaded.MetadataLocation,
            FormatVersion = metadata.FormatVersion,
            CurrentSnapshotId = current?.SnapshotId,
            CurrentSequenceNumber = current?.SequenceNumber ?? 0,
            LastCommitAt = current?.Timestamp,
            // Sequence numbers order commits in format v2; v1 tables (all 0) fall back to the commit time.
            Snapshots = [.. metadata.Snapshots.OrderBy(s => s.SequenceNumber).ThenBy(s => s.TimestampMs).Select(Entry)],
            Subscribers = subscribers,
            Writers = writers,
            Columns = [.. metadata.CurrentSchema.Fields.Select(f => new TableColumn { FieldId = f.Id, Name = f.Name, Type = TypeText(f.Type), Required = f.Required })],
        };
    }

    private async Task<TableSummary?> SummaryAsync(TableIdentifier id)
    {
        try
        {
            var current = (await catalog.LoadTableAsync(id)).Metadata.CurrentSnapshot;
            return new TableSummary { Table = id.ToString(), CurrentSnapshotId = current?.SnapshotId, LastCommitAt = current?.Timestamp };
        }
        catch (NoSuchTableException)
        {
            return null; // dropped between the listing and the load
        }
    }

    private static SnapshotEntry Entry(Snapshot snapshot) => new()
    {
        SnapshotId = snapshot.SnapshotId,
        ParentSnapshotId = snapshot.ParentSnapshotId,
        SequenceNumber = snapshot.SequenceNumber,
        CommittedAt = snapshot.Timestamp,
        Operation = snapshot.Summary.TryGetValue("operation", out var operation) ? operation : null,
        Summary = new Dictionary<string, string>(snapshot.Summary, StringComparer.Ordinal),
    };

    /// <summary>The type as the spec writes it: primitives by name (<c>decimal(10,2)</c>), nested types as <c>struct&lt;name: type, ...&gt;</c>.</summary>
    internal static string TypeText(IcebergType type) => type switch
    {
        StructType s => $"struct<{string.Join(", ", s.Fields.Select(f => $"{f.Name}: {TypeText(f.Type)}"))}>",
        ListType l => $"list<{TypeText(l.ElementType)}>",
        MapType m => $"map<{TypeText(m.KeyType)}, {TypeText(m.ValueType)}>",
        _ => type.ToString(),
    };
}
