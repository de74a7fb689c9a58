using System.Diagnostics;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Iceberg.Bench;

/// <summary>
/// Scan planning on a table with a long history. Committing 10,000 snapshots one by one rewrites a metadata file that
/// grows with every snapshot (quadratic), so the history is built directly: per snapshot one real manifest (one data
/// file entry) and one real manifest list, merged into one manifest every 100 snapshots the way appends merge them,
/// and a single metadata file at the end. Planning reads those Avro files like any table's; the data files themselves
/// are never opened by planning, so their entries point at paths that are not written.
/// </summary>
internal static class PlanningBench
{
    private const int MergeEvery = 100;

    public static async Task<IReadOnlyList<(string Name, double Milliseconds, int Files)>> RunAsync(BenchWarehouse warehouse, int snapshotCount, CancellationToken cancellationToken)
    {
        var io = warehouse.IO;
        var schema = new Schema(0, [NestedField.RequiredField(1, "id", PrimitiveType.Long)]);
        await warehouse.Catalog.EnsureNamespaceAsync(new Namespace(["bench"]), cancellationToken);
        var created = await warehouse.Catalog.CreateTableAsync(TableIdentifier.Parse("bench.history"), schema, cancellationToken: cancellationToken);
        var metadata = created.Metadata;
        var spec = metadata.DefaultSpec;

        var build = Stopwatch.StartNew();
        var live = new List<ManifestFile>();
        var entries = new List<ManifestEntry>();
        long? parent = null;
        for (var i = 1; i <= snapshotCount; i++)
        {
            var snapshotId = i;
            var file = new DataFile { FilePath = $"{metadata.Location}/data/history-{i:D6}.parquet", RecordCount = 10, FileSizeInBytes = 1000 };
            var manifest = await ManifestIO.WriteManifestAsync(io, $"{metadata.Location}/metadata/history-{i:D6}-m0.avro", schema, spec,
                ManifestContent.Data, snapshotId, [new ManifestEntry(ManifestEntryStatus.Added, snapshotId, null, null, file)], cancellationToken);
            live.Add(manifest);
            entries.Add(new ManifestEntry(ManifestEntryStatus.Existing, snapshotId, i, i, file));
            if (live.Count > MergeEvery)
            {
                // What min-count-to-merge does on a real append: the older manifests become one manifest of EXISTING entries.
                var merged = await ManifestIO.WriteManifestAsync(io, $"{metadata.Location}/metadata/history-{i:D6}-merged.avro", schema, spec,
                    ManifestContent.Data, snapshotId, entries.Take(entries.Count - 1), cancellationToken);
                live = [merged, manifest];
            }

            var listLocation = $"{metadata.Location}/metadata/snap-{snapshotId}-1-history.avro";
            live = [.. await ManifestIO.WriteManifestListAsync(io, listLocation, live, snapshotId, parent, i, cancellationToken)];
            var snapshot = new Snapshot
            {
                SnapshotId = snapshotId,
                ParentSnapshotId = parent,
                SequenceNumber = i,
                TimestampMs = metadata.LastUpdatedMs + i,
                ManifestList = listLocation,
                Summary = new Dictionary<string, string> { ["operation"] = SnapshotOperation.Append, ["added-data-files"] = "1", ["added-records"] = "10" },
                SchemaId = 0,
            };
            metadata = TableMetadataBuilder.AddSnapshot(metadata, snapshot);
            parent = snapshotId;
        }

        var metadataLocation = $"{metadata.Location}/metadata/00001-history.metadata.json";
        await io.WriteAllBytesAsync(metadataLocation, TableMetadataParser.ToUtf8Json(metadata), cancellationToken);
        var table = await Table.LoadFromMetadataAsync(io, metadataLocation, cancellationToken);
        Console.WriteLine($"built a history of {snapshotCount} snapshots in {build.Elapsed.TotalSeconds:F1} s");

        var results = new List<(string, double, int)>();
        foreach (var range in new[] { 1, 100, snapshotCount }.Distinct().Where(r => r <= snapshotCount))
        {
            var scan = table.NewIncrementalAppendScan().ToSnapshot(snapshotCount);
            if (range < snapshotCount)
            {
                scan = scan.FromSnapshotExclusive(snapshotCount - range);
            }

            results.Add(await PlanAsync($"incremental, last {range} snapshot(s)", () => scan.PlanFilesAsync(cancellationToken), range));
        }

        results.Add(await PlanAsync("full scan at the current snapshot", () => table.NewScan().PlanFilesAsync(cancellationToken), snapshotCount));
        return results;
    }

    private static async Task<(string, double, int)> PlanAsync(string name, Func<Task<IReadOnlyList<Scan.FileScanTask>>> plan, int expectedFiles)
    {
        await plan(); // warm-up: JIT and file system cache, so the figure is the steady-state cost
        var watch = Stopwatch.StartNew();
        var tasks = await plan();
        var ms = watch.Elapsed.TotalMilliseconds;
        if (tasks.Count != expectedFiles)
        {
            throw new InvalidOperationException($"Benchmark result is wrong: {name} planned {tasks.Count} files; expected {expectedFiles}.");
        }

        return (name, ms, tasks.Count);
    }
}
