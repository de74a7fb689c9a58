using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Expressions;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Iceberg.Tests.Tables;

/// <summary>
/// The table operations, written once and run on each catalog/storage pair (SQLite + local files here;
/// PostgreSQL + S3 on real servers in <see cref="PostgresS3TableOperationsTests"/>).
/// </summary>
public abstract class TableOperationsTests
{
    private protected abstract Task<TestWarehouse> OpenAsync();

    private static readonly Namespace Ns = new(["analytics"]);

    private static async Task<Table> CreateEventsAsync(TestWarehouse w, string name, PartitionSpec? spec = null)
    {
        await w.Catalog.EnsureNamespaceAsync(Ns);
        return await w.Catalog.CreateTableAsync(new TableIdentifier(Ns, name), SampleTables.Events, spec);
    }

    private static async Task<List<object?[]>> ReadAllAsync(IAsyncEnumerable<object?[]> rows)
    {
        var result = new List<object?[]>();
        await foreach (var row in rows)
        {
            result.Add(row);
        }

        return result;
    }

    private static long[] Ids(IEnumerable<object?[]> rows) => rows.Select(r => (long)r[0]!).Order().ToArray();

    [Fact]
    public async Task Appends_are_read_back_with_every_value_and_summary_totals()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "appends", SampleTables.ByCategory);
        var batch1 = SampleTables.EventRows(0, 50);
        var batch2 = SampleTables.EventRows(50, 30);

        table = await table.AppendRowsAsync(batch1);
        table = await table.AppendRowsAsync(batch2, new Dictionary<string, string> { ["maestro.run"] = "wf/7" });

        var rows = await ReadAllAsync(table.NewScan().ReadRowsAsync());
        var expected = batch1.Concat(batch2).OrderBy(r => (long)r[0]!).ToArray();
        var actual = rows.OrderBy(r => (long)r[0]!).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }

        Assert.Equal(2, table.Metadata.Snapshots.Count);
        Assert.Equal("80", table.CurrentSnapshot!.Summary["total-records"]);
        Assert.Equal("30", table.CurrentSnapshot.Summary["added-records"]);
        Assert.Equal("wf/7", table.CurrentSnapshot.Summary["maestro.run"]);
        Assert.Equal(2, table.Metadata.LastSequenceNumber);
        Assert.Equal(3, (await table.NewIncrementalAppendScan().FromSnapshotExclusive(table.Metadata.Snapshots[0].SnapshotId).PlanFilesAsync()).Count);
    }

    [Fact]
    public async Task Incremental_scan_returns_exactly_what_the_range_added()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "incremental");
        for (var i = 0; i < 6; i++)
        {
            table = await table.AppendRowsAsync(SampleTables.EventRows(i * 10, 10));
        }

        var snaps = table.Metadata.Ancestors().Reverse().ToArray();
        var scan = table.NewIncrementalAppendScan().FromSnapshotExclusive(snaps[1].SnapshotId).ToSnapshot(snaps[4].SnapshotId);
        var files = await scan.PlanFilesAsync();
        var rows = await ReadAllAsync(scan.ReadRowsAsync());

        Assert.Equal(3, files.Count);
        Assert.Equal(snaps[2..5].Select(s => s.SnapshotId).ToHashSet(), files.Select(f => f.SnapshotId).ToHashSet());
        Assert.Equal(Enumerable.Range(20, 30).Select(i => (long)i).ToArray(), Ids(rows));

        var fromStart = await ReadAllAsync(table.NewIncrementalAppendScan().ToSnapshot(snaps[0].SnapshotId).ReadRowsAsync());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i).ToArray(), Ids(fromStart));
        Assert.Empty(await table.NewIncrementalAppendScan().FromSnapshotExclusive(snaps[5].SnapshotId).PlanFilesAsync());
        Assert.Throws<ArgumentException>(() => table.NewIncrementalAppendScan().FromSnapshotExclusive(snaps[4].SnapshotId).ToSnapshot(snaps[1].SnapshotId).Snapshots());
    }

    [Fact]
    public async Task Incremental_planning_reads_only_the_range_metadata_and_reading_only_its_files()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "io_recorded", SampleTables.ByCategory);
        for (var i = 0; i < 8; i++)
        {
            table = await table.AppendRowsAsync(SampleTables.EventRows(i * 10, 10));
        }

        var snaps = table.Metadata.Ancestors().Reverse().ToArray();
        var range = snaps[3..6];
        var addedManifests = new List<string>();
        foreach (var s in range)
        {
            addedManifests.AddRange((await ManifestIO.ReadManifestListAsync(w.IO, s.ManifestList, default))
                .Where(m => m.AddedSnapshotId == s.SnapshotId).Select(m => m.ManifestPath));
        }

        var io = new RecordingFileIO(w.IO);
        var readOnly = await Table.LoadFromMetadataAsync(io, table.MetadataLocation);
        io.Clear();
        var scan = readOnly.NewIncrementalAppendScan().FromSnapshotExclusive(snaps[2].SnapshotId).ToSnapshot(snaps[5].SnapshotId);
        var tasks = await scan.PlanFilesAsync();

        // Planning reads the three manifest lists and the manifests those snapshots added, each once; nothing else.
        Assert.All(io.Calls, c => Assert.Equal("read", c.Operation));
        Assert.Equal(range.Select(s => s.ManifestList).Concat(addedManifests).Order(), io.Calls.Select(c => c.Location).Order());
        Assert.Equal(range.Select(s => s.SnapshotId).ToHashSet(), tasks.Select(t => t.SnapshotId).ToHashSet());
        Assert.Equal(9, tasks.Count); // 3 snapshots x 3 category partitions

        io.Clear();
        var rows = await ReadAllAsync(scan.ReadRowsAsync());
        Assert.Equal(Enumerable.Range(30, 30).Select(i => (long)i).ToArray(), Ids(rows));
        var dataReads = io.Calls.Where(c => c.Location.EndsWith(".parquet", StringComparison.Ordinal)).Select(c => c.Location);
        Assert.Equal(tasks.Select(t => t.File.FilePath).Order(), dataReads.Order());
    }

    [Fact]
    public async Task Overwrite_replaces_files_and_refuses_to_remove_a_file_that_is_gone()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "overwrite");
        table = await table.AppendRowsAsync(SampleTables.EventRows(0, 10));
        table = await table.AppendRowsAsync(SampleTables.EventRows(10, 10));
        var first = (await table.NewScan().PlanFilesAsync()).Single(t => (long)Conversions.FromBytes(PrimitiveType.Long, t.File.LowerBounds![1]) == 0).File;

        var replacement = await table.NewWriter().WriteAsync(SampleTables.EventRows(100, 5));
        var overwrite = table.NewOverwrite().DeleteFile(first);
        foreach (var f in replacement)
        {
            overwrite.AddFile(f);
        }

        var after = await overwrite.CommitAsync();
        Assert.Equal(SnapshotOperation.Overwrite, after.CurrentSnapshot!.Operation);
        Assert.Equal(Enumerable.Range(10, 10).Concat(Enumerable.Range(100, 5)).Select(i => (long)i).ToArray(), Ids(await ReadAllAsync(after.NewScan().ReadRowsAsync())));
        Assert.Equal("15", after.CurrentSnapshot.Summary["total-records"]);

        // The old snapshot still reads as it was (time travel).
        Assert.Equal(20, (await ReadAllAsync(after.NewScan().UseSnapshot(table.CurrentSnapshot!.SnapshotId).ReadRowsAsync())).Count);

        // A writer that still holds the old table tries to remove the same file: its requirement no longer holds.
        var stale = table.NewDelete().DeleteFile(first);
        var e = await Assert.ThrowsAsync<CommitFailedException>(() => stale.CommitAsync());
        Assert.Contains(first.FilePath, e.Message, StringComparison.Ordinal);
        Assert.Equal(after.MetadataLocation, (await after.RefreshAsync()).MetadataLocation);
    }

    [Fact]
    public async Task Eight_concurrent_writers_lose_no_append()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "concurrent");
        const int writers = 8;
        const int appendsEach = 4;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < appendsEach; i++)
            {
                var start = ((writer * appendsEach) + i) * 10;
                var mine = await w.Catalog.LoadTableAsync(table.Identifier);
                await mine.AppendRowsAsync(SampleTables.EventRows(start, 10));
            }
        })));

        var final = await table.RefreshAsync();
        Assert.Equal(writers * appendsEach, final.Metadata.Snapshots.Count);
        Assert.Equal(writers * appendsEach, final.Metadata.Ancestors().Count()); // one linear history, nothing orphaned
        Assert.Equal(Enumerable.Range(0, writers * appendsEach * 10).Select(i => (long)i).ToArray(), Ids(await ReadAllAsync(final.NewScan().ReadRowsAsync())));
        Assert.Equal(writers * appendsEach, final.Metadata.LastSequenceNumber);
    }

    [Fact]
    public async Task Schema_evolution_reads_old_files_by_field_id()
    {
        await using var w = await OpenAsync();
        var ns = new Namespace(["evo"]);
        await w.Catalog.EnsureNamespaceAsync(ns);
        var schema = new Schema(0, [NestedField.RequiredField(1, "id", PrimitiveType.Int), NestedField.OptionalField(2, "name", PrimitiveType.String), NestedField.OptionalField(3, "score", PrimitiveType.Float)]);
        var table = await w.Catalog.CreateTableAsync(new TableIdentifier(ns, "people"), schema);
        table = await table.AppendRowsAsync([[1, "ann", 1.5f], [2, "bob", null]]);

        table = await table.UpdateSchema()
            .RenameColumn("name", "full_name")
            .AddColumn("email", PrimitiveType.String)
            .UpdateColumnType("id", PrimitiveType.Long)
            .UpdateColumnType("score", PrimitiveType.Double)
            .CommitAsync();
        table = await table.AppendRowsAsync([[3L, "cy", 2.25, "cy@example.com"]]);

        Assert.Equal(["id", "full_name", "score", "email"], table.Schema.Fields.Select(f => f.Name));
        Assert.Equal(4, table.Metadata.LastColumnId);
        var rows = (await ReadAllAsync(table.NewScan().ReadRowsAsync())).OrderBy(r => (long)r[0]!).ToArray();
        Assert.Equal(new object?[] { 1L, "ann", 1.5d, null }, rows[0]);
        Assert.Equal(new object?[] { 2L, "bob", null, null }, rows[1]);
        Assert.Equal(new object?[] { 3L, "cy", 2.25d, "cy@example.com" }, rows[2]);

        Assert.Throws<ArgumentException>(() => table.UpdateSchema().UpdateColumnType("full_name", PrimitiveType.Int).Apply());
        Assert.Throws<ArgumentException>(() => table.UpdateSchema().RenameColumn("nope", "x").Apply());
        Assert.Throws<ArgumentException>(() => table.UpdateSchema().AddColumn("email", PrimitiveType.Int).Apply());
    }

    [Fact]
    public async Task Expire_snapshots_removes_only_unreachable_files()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "expire");
        table = await table.AppendRowsAsync(SampleTables.EventRows(0, 10));
        var firstFiles = (await table.NewScan().PlanFilesAsync()).Select(t => t.File).ToArray();
        table = await table.AppendRowsAsync(SampleTables.EventRows(10, 10));
        var overwrite = table.NewDelete().DeleteFile(firstFiles[0]);
        table = await overwrite.CommitAsync();
        var firstManifestList = table.Metadata.Snapshots[0].ManifestList;

        var (expired, deleted) = await table.ExpireSnapshots().ExpireOlderThan(DateTimeOffset.UtcNow.AddMinutes(1)).RetainLast(1).CommitAsync();

        Assert.Single(expired.Metadata.Snapshots);
        Assert.Contains(firstManifestList, deleted);
        Assert.Contains(firstFiles[0].FilePath, deleted);
        Assert.False(await w.IO.ExistsAsync(firstFiles[0].FilePath));
        Assert.Equal(Enumerable.Range(10, 10).Select(i => (long)i).ToArray(), Ids(await ReadAllAsync(expired.NewScan().ReadRowsAsync())));
        foreach (var task in await expired.NewScan().PlanFilesAsync())
        {
            Assert.True(await w.IO.ExistsAsync(task.File.FilePath));
        }
    }

    [Fact]
    public async Task Many_commits_merge_manifests_and_keep_incremental_scans_exact()
    {
        await using var w = await OpenAsync();
        await w.Catalog.EnsureNamespaceAsync(Ns);
        var table = await w.Catalog.CreateTableAsync(new TableIdentifier(Ns, "merging"), SampleTables.Events,
            properties: new Dictionary<string, string> { ["commit.manifest.min-count-to-merge"] = "5" });
        for (var i = 0; i < 12; i++)
        {
            table = await table.AppendRowsAsync(SampleTables.EventRows(i * 3, 3));
        }

        var snaps = table.Metadata.Ancestors().Reverse().ToArray();
        Assert.True((await ManifestIO.ReadManifestListAsync(table.IO, table.CurrentSnapshot!.ManifestList, default)).Count < 6);
        Assert.Equal(Enumerable.Range(0, 36).Select(i => (long)i).ToArray(), Ids(await ReadAllAsync(table.NewScan().ReadRowsAsync())));
        var incremental = table.NewIncrementalAppendScan().FromSnapshotExclusive(snaps[3].SnapshotId).ToSnapshot(snaps[9].SnapshotId);
        Assert.Equal(Enumerable.Range(12, 18).Select(i => (long)i).ToArray(), Ids(await ReadAllAsync(incremental.ReadRowsAsync())));
    }

    [Fact]
    public async Task Drop_with_purge_deletes_every_file_and_rename_moves_the_pointer()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "to_drop");
        table = await table.AppendRowsAsync(SampleTables.EventRows(0, 5));
        var dataFile = (await table.NewScan().PlanFilesAsync()).Single().File.FilePath;

        var renamed = new TableIdentifier(new Namespace(["analytics"]), "renamed");
        await w.Catalog.RenameTableAsync(table.Identifier, renamed);
        await Assert.ThrowsAsync<NoSuchTableException>(() => w.Catalog.LoadTableAsync(table.Identifier));
        var loaded = await w.Catalog.LoadTableAsync(renamed);
        Assert.Equal(table.MetadataLocation, loaded.MetadataLocation);

        await w.Catalog.DropTableAsync(renamed, purge: true);
        Assert.False(await w.IO.ExistsAsync(dataFile));
        Assert.False(await w.IO.ExistsAsync(table.MetadataLocation));
        Assert.False(await w.Catalog.TableExistsAsync(renamed));
    }

    [Fact]
    public async Task Projections_return_the_selected_columns_and_still_apply_filters_and_equality_deletes_on_other_columns()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "projection");
        var written = SampleTables.EventRows(0, 30);
        table = await table.AppendRowsAsync(written);

        var selected = await ReadAllAsync(table.NewScan().Select("amount", "id").ReadRowsAsync());
        Assert.Equal(written.Select(r => new[] { r[3], r[0] }), selected);

        // The filter's column is not selected: it must still be read to check each row.
        var filtered = await ReadAllAsync(table.NewScan().Select("amount").Filter(Expression.Parse("category = 'a'")).ReadRowsAsync());
        Assert.Equal(written.Where(r => (string?)r[2] == "a").Select(r => new[] { r[3] }), filtered);

        // Nor is the equality deletes' key column.
        var keys = await table.NewDeleteWriter().WriteEqualityDeletesAsync([1], [[4L], [5L]]);
        table = await table.NewRowDelta().AddDeletes(keys).CommitAsync();
        var remaining = await ReadAllAsync(table.NewScan().Select("amount").ReadRowsAsync());
        Assert.Equal(written.Where(r => (long)r[0]! is not (4 or 5)).Select(r => new[] { r[3] }), remaining);
    }

    [Fact]
    public async Task A_table_is_read_straight_from_its_metadata_file()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "static");
        table = await table.AppendRowsAsync(SampleTables.EventRows(0, 7));

        var readOnly = await Table.LoadFromMetadataAsync(w.IO, table.MetadataLocation);

        Assert.True(readOnly.IsReadOnly);
        Assert.Equal(7, (await ReadAllAsync(readOnly.NewScan().ReadRowsAsync())).Count);
        Assert.Throws<InvalidOperationException>(() => readOnly.Catalog);
        var missing = await Assert.ThrowsAsync<InvalidDataException>(() => Table.LoadFromMetadataAsync(w.IO, table.MetadataLocation + ".missing"));
        Assert.Contains(".missing", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_points_a_new_name_at_an_existing_metadata_file_and_later_commits_go_through_it()
    {
        await using var w = await OpenAsync();
        var original = await CreateEventsAsync(w, "original");
        original = await original.AppendRowsAsync(SampleTables.EventRows(0, 5));
        var name = new TableIdentifier(Ns, "registered");

        var registered = await w.Catalog.RegisterTableAsync(name, original.MetadataLocation);

        Assert.Equal(original.MetadataLocation, registered.MetadataLocation);
        Assert.Equal(original.MetadataLocation, (await w.Catalog.LoadTableAsync(name)).MetadataLocation);
        registered = await registered.AppendRowsAsync(SampleTables.EventRows(5, 3));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), Ids(await ReadAllAsync((await w.Catalog.LoadTableAsync(name)).NewScan().ReadRowsAsync())));
        Assert.Equal(original.CurrentSnapshot!.SnapshotId, registered.CurrentSnapshot!.ParentSnapshotId);
        // The original name still points at the file it had: registering copies nothing and moves no pointer.
        Assert.Equal(original.MetadataLocation, (await w.Catalog.LoadTableAsync(original.Identifier)).MetadataLocation);
    }

    [Fact]
    public async Task Register_refuses_a_taken_name_a_missing_namespace_and_files_that_are_not_table_metadata()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "taken");

        var taken = await Assert.ThrowsAsync<AlreadyExistsException>(() => w.Catalog.RegisterTableAsync(table.Identifier, table.MetadataLocation));
        Assert.Contains("analytics.taken", taken.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NoSuchNamespaceException>(() => w.Catalog.RegisterTableAsync(TableIdentifier.Parse("nowhere.t"), table.MetadataLocation));

        var missing = table.MetadataLocation + ".missing";
        var notFound = await Assert.ThrowsAsync<InvalidDataException>(() => w.Catalog.RegisterTableAsync(new TableIdentifier(Ns, "missing"), missing));
        Assert.Contains(missing, notFound.Message, StringComparison.Ordinal);
        var garbage = table.MetadataLocation + ".garbage.json";
        await w.IO.WriteAllBytesAsync(garbage, "{\"format-version\": 2}"u8.ToArray());
        var invalid = await Assert.ThrowsAsync<InvalidDataException>(() => w.Catalog.RegisterTableAsync(new TableIdentifier(Ns, "garbage"), garbage));
        Assert.Contains(garbage, invalid.Message, StringComparison.Ordinal);

        // A failed registration leaves the name free.
        Assert.False(await w.Catalog.TableExistsAsync(new TableIdentifier(Ns, "missing")));
        Assert.False(await w.Catalog.TableExistsAsync(new TableIdentifier(Ns, "garbage")));
    }

    [Fact]
    public async Task Create_errors_name_the_table_or_namespace()
    {
        await using var w = await OpenAsync();
        var table = await CreateEventsAsync(w, "dup");
        var dup = await Assert.ThrowsAsync<AlreadyExistsException>(() => w.Catalog.CreateTableAsync(table.Identifier, SampleTables.Events));
        Assert.Contains("analytics.dup", dup.Message, StringComparison.Ordinal);
        var noNs = await Assert.ThrowsAsync<NoSuchNamespaceException>(() => w.Catalog.CreateTableAsync(TableIdentifier.Parse("nowhere.t"), SampleTables.Events));
        Assert.Contains("nowhere", noNs.Message, StringComparison.Ordinal);
        var badSpec = new PartitionSpec(0, [new PartitionField(99, 1000, "x", IdentityTransform.Instance)]);
        await Assert.ThrowsAsync<ArgumentException>(() => w.Catalog.CreateTableAsync(TableIdentifier.Parse("analytics.bad"), SampleTables.Events, badSpec));
    }
}
