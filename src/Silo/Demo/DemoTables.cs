using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Silo.Demo;

/// <summary>The tables of the sample pipeline (samples/pipeline): raw.events -> agg.event_counts -> agg.top_countries.</summary>
internal static class DemoTables
{
    public const string Events = "raw.events";
    public const string Counts = "agg.event_counts";
    public const string Top = "agg.top_countries";

    /// <summary>What hourly-aggregate.json's query reads: ts, country and amount (decimal, so sums compare exactly).</summary>
    public static readonly Schema EventsSchema = new(0,
    [
        NestedField.RequiredField(1, "event_id", PrimitiveType.Long),
        NestedField.OptionalField(2, "country", PrimitiveType.String),
        NestedField.OptionalField(3, "amount", PrimitiveType.Decimal(18, 2)),
        NestedField.OptionalField(4, "ts", PrimitiveType.TimestampTz),
    ]);

    /// <summary>Loads raw.events, creating it (and its namespace) when missing.</summary>
    public static async Task<(Table Table, bool Created)> EnsureEventsAsync(SqlCatalog catalog, CancellationToken cancellationToken)
    {
        var id = TableIdentifier.Parse(Events);
        if (await catalog.TableExistsAsync(id, cancellationToken))
        {
            return (await catalog.LoadTableAsync(id, cancellationToken), false);
        }

        await catalog.EnsureNamespaceAsync(id.Namespace, cancellationToken);
        try
        {
            return (await catalog.CreateTableAsync(id, EventsSchema, cancellationToken: cancellationToken), true);
        }
        catch (AlreadyExistsException)
        {
            return (await catalog.LoadTableAsync(id, cancellationToken), false);
        }
    }

    /// <summary>The table's snapshots by id, or none when the table does not exist (yet).</summary>
    public static async Task<IReadOnlyDictionary<long, Snapshot>> SnapshotsAsync(SqlCatalog catalog, string table, CancellationToken cancellationToken)
    {
        try
        {
            var loaded = await catalog.LoadTableAsync(TableIdentifier.Parse(table), cancellationToken);
            return loaded.Metadata.Snapshots.ToDictionary(s => s.SnapshotId);
        }
        catch (NoSuchTableException)
        {
            return new Dictionary<long, Snapshot>();
        }
    }
}
