using System.Globalization;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Steps;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.DataFiles;
using OrleansMaestro.Iceberg.Spec;
using static OrleansMaestro.Grains.Tests.Steps.SqlWarehouse;

namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>The SQL step on a real SQLite catalog with a local warehouse, DuckDB and our Parquet writer.</summary>
public class SqlStepRunnerTests
{
    private static SnapshotRange Range(long? from, long? to, string table = "raw.events") => new() { Table = table, FromExclusive = from, ToInclusive = to };

    private static void AssertSameRows(IEnumerable<object?[]> expected, IEnumerable<object?[]> actual)
    {
        var e = expected.OrderBy(r => (long)r[0]!).ToArray();
        var a = actual.OrderBy(r => (long)r[0]!).ToArray();
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.Equal(e[i], a[i]);
        }
    }

    [Fact]
    public async Task An_incremental_input_sees_exactly_its_range_and_the_result_is_one_snapshot_with_the_markers()
    {
        await using var w = await LocalAsync();
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 10), Events(10, 10), Events(20, 10));
        var step = new SqlStep { Id = "copy", Query = "SELECT id, kind, amount, ts FROM events;", Target = "mart.copy" };
        SnapshotRange[] sources = [Range(s[0], s[2])];

        var outputs = await w.Runner.RunAsync(Work.For(step, sources, workflow: "copy-wf", run: 4), CancellationToken.None);

        var target = await w.LoadAsync("mart.copy");
        var snapshot = Assert.Single(target.Metadata.Snapshots);
        Assert.Equal("append", snapshot.Operation);
        Assert.Equal(snapshot.SnapshotId.ToString(CultureInfo.InvariantCulture), outputs["snapshot-id"]);
        Assert.Equal(("20", "1", "false"), (outputs["rows"], outputs["shards"], outputs["skipped-duplicate"]));
        Assert.Equal("copy-wf", snapshot.Summary["maestro.workflow"]);
        Assert.Equal("4", snapshot.Summary["maestro.run"]);
        Assert.Equal("copy", snapshot.Summary["maestro.step"]);
        Assert.Equal(SnapshotRangesJson.Serialize(sources), snapshot.Summary["maestro.sources"]);
        Assert.Equal($"[{{\"table\":\"raw.events\",\"fromExclusive\":{s[0]},\"toInclusive\":{s[2]}}}]", snapshot.Summary["maestro.sources"]);

        // Created from the result's columns, with the DuckDB types mapped back to the source's Iceberg types.
        Assert.Equal(["id long", "kind string", "amount long", "ts timestamptz"], target.Schema.Fields.Select(f => $"{f.Name} {f.Type}"));
        AssertSameRows(Events(10, 20), await w.ReadAsync("mart.copy"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(w.ScratchDirectory));
    }

    [Fact]
    public async Task Running_the_same_work_again_does_not_commit_twice()
    {
        await using var w = await LocalAsync();
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 10), Events(10, 5));
        var step = new SqlStep { Id = "copy", Query = "SELECT id, amount FROM events", Target = "mart.once" };
        SnapshotRange[] sources = [Range(null, s[1])];

        var first = await w.Runner.RunAsync(Work.For(step, sources, run: 1, attempt: 1), CancellationToken.None);
        var retry = await w.Runner.RunAsync(Work.For(step, sources, run: 1, attempt: 2), CancellationToken.None);

        Assert.Equal("false", first["skipped-duplicate"]);
        Assert.Equal("true", retry["skipped-duplicate"]);
        Assert.Equal(first["snapshot-id"], retry["snapshot-id"]);
        Assert.Equal(("15", "1", "1"), (retry["rows"], retry["files"], retry["shards"]));
        Assert.Single((await w.LoadAsync("mart.once")).Metadata.Snapshots);
        Assert.Equal(15, (await w.ReadAsync("mart.once")).Count);

        // Another run over the same range (a failed run's range, covered again by the next run) finds it committed.
        var nextRun = await w.Runner.RunAsync(Work.For(step, sources, run: 2), CancellationToken.None);
        Assert.Equal("true", nextRun["skipped-duplicate"]);
        Assert.Single((await w.LoadAsync("mart.once")).Metadata.Snapshots);

        // A backfill recomputes exactly what it is asked for.
        var backfill = await w.Runner.RunAsync(Work.For(step, sources, run: 3) with { IsBackfill = true }, CancellationToken.None);
        Assert.Equal("false", backfill["skipped-duplicate"]);
        Assert.Equal(2, (await w.LoadAsync("mart.once")).Metadata.Snapshots.Count);
        Assert.Equal(30, (await w.ReadAsync("mart.once")).Count);
    }

    [Fact]
    public async Task A_later_run_over_a_longer_range_reads_only_what_earlier_runs_did_not_commit()
    {
        await using var w = await LocalAsync();
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 10), Events(10, 5), Events(15, 7));
        var step = new SqlStep { Id = "copy", Query = "SELECT id FROM events", Target = "mart.prefix" };

        await w.Runner.RunAsync(Work.For(step, [Range(null, s[0])], run: 1), CancellationToken.None);
        await w.Runner.RunAsync(Work.For(step, [Range(s[0], s[1])], run: 2), CancellationToken.None);
        // Run 3 covers everything from the start (as after runs 1 and 2 failed in later steps): only batch 3 is new.
        var third = await w.Runner.RunAsync(Work.For(step, [Range(null, s[2])], run: 3), CancellationToken.None);

        Assert.Equal(("7", "false"), (third["rows"], third["skipped-duplicate"]));
        var ids = (await w.ReadAsync("mart.prefix")).Select(r => (long)r[0]!).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 22).Select(i => (long)i), ids);

        // Commits chain: run 2's range then run 3's cover all of (s0, s2], so a run over it has nothing left to do.
        var covered = await w.Runner.RunAsync(Work.For(step, [Range(s[0], s[2])], run: 4), CancellationToken.None);
        Assert.Equal("true", covered["skipped-duplicate"]);

        // Another workflow's runs are not this workflow's: it reads the whole range.
        var other = await w.Runner.RunAsync(Work.For(step, [Range(null, s[2])], workflow: "other", run: 1), CancellationToken.None);
        Assert.Equal(("22", "false"), (other["rows"], other["skipped-duplicate"]));
    }

    [Fact]
    public async Task Sharding_gives_the_same_rows_as_one_shard_in_one_snapshot()
    {
        await using var w = await LocalAsync(o => o.MaxParallelShards = 2);
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(),
            Events(0, 5), Events(5, 5), Events(10, 5), Events(15, 5), Events(20, 5), Events(25, 5));
        SnapshotRange[] sources = [Range(null, s[5])];
        const string query = "SELECT id, kind, amount * 2 AS doubled FROM events WHERE kind <> 'd'";

        var single = await w.Runner.RunAsync(Work.For(new SqlStep { Id = "one", Query = query, Target = "mart.single" }, sources), CancellationToken.None);
        var sharded = await w.Runner.RunAsync(Work.For(new SqlStep { Id = "many", Query = query, Target = "mart.sharded", MaxFilesPerShard = 2 }, sources), CancellationToken.None);

        Assert.Equal(("1", "6"), (single["shards"], single["input-files"]));
        Assert.Equal(("3", "6", "3"), (sharded["shards"], sharded["input-files"], sharded["files"]));
        Assert.Equal(single["rows"], sharded["rows"]);
        var target = await w.LoadAsync("mart.sharded");
        var snapshot = Assert.Single(target.Metadata.Snapshots);
        Assert.Equal("3", snapshot.Summary["added-data-files"]);
        Assert.Equal("3", snapshot.Summary["maestro.shards"]);
        var singleRows = await w.ReadAsync("mart.single");
        Assert.Equal(23, singleRows.Count);
        AssertSameRows(singleRows, await w.ReadAsync("mart.sharded"));
    }

    [Fact]
    public async Task An_aggregate_over_incremental_ranges_summed_over_runs_equals_the_aggregate_over_the_whole_table()
    {
        await using var w = await LocalAsync();
        var batches = new[] { Events(0, 13), Events(13, 7), Events(20, 25), Events(45, 9), Events(54, 30) };
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), batches);
        // Shards of one file: the two-file ranges are aggregated per shard, and partial aggregates must still add up.
        var step = new SqlStep { Id = "agg", Query = "SELECT kind, count(*) AS n, sum(amount) AS total FROM events GROUP BY kind", Target = "mart.by_kind", MaxFilesPerShard = 1 };

        var runs = new[] { Range(null, s[1]), Range(s[1], s[3]), Range(s[3], s[4]) };
        for (var run = 0; run < runs.Length; run++)
        {
            await w.Runner.RunAsync(Work.For(step, [runs[run]], run: run + 1), CancellationToken.None);
        }

        var target = await w.LoadAsync("mart.by_kind");
        Assert.Equal(["kind string", "n long", "total long"], target.Schema.Fields.Select(f => $"{f.Name} {f.Type}"));
        Assert.Equal(["1", "2", "3"], target.Metadata.Ancestors().Reverse().Select(x => x.Summary["maestro.run"]));
        var summed = (await w.ReadAsync("mart.by_kind"))
            .GroupBy(r => (string)r[0]!)
            .ToDictionary(g => g.Key, g => (N: g.Sum(r => (long)r[1]!), Total: g.Sum(r => (long?)r[2] ?? 0)));
        var whole = batches.SelectMany(b => b)
            .GroupBy(r => (string)r[1]!)
            .ToDictionary(g => g.Key, g => (N: (long)g.Count(), Total: g.Sum(r => (long?)r[2] ?? 0)));
        Assert.Equal(whole.OrderBy(kv => kv.Key), summed.OrderBy(kv => kv.Key));
        Assert.Equal(4, whole.Count);
    }

    [Fact]
    public async Task Bad_sql_fails_with_duckdbs_error_before_the_target_is_created()
    {
        await using var w = await LocalAsync();
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 5));
        SnapshotRange[] sources = [Range(null, s[0])];

        var syntax = await Assert.ThrowsAsync<StepFailedException>(() =>
            w.Runner.RunAsync(Work.For(new SqlStep { Id = "typo", Query = "SELEC kind FROM events", Target = "mart.never" }, sources), CancellationToken.None));
        var binder = await Assert.ThrowsAsync<StepFailedException>(() =>
            w.Runner.RunAsync(Work.For(new SqlStep { Id = "unknown", Query = "SELECT nope FROM events", Target = "mart.never" }, sources), CancellationToken.None));

        Assert.Contains("DuckDB rejected the query", syntax.Message, StringComparison.Ordinal);
        Assert.Contains("Parser Error", syntax.Message, StringComparison.Ordinal);
        Assert.Contains("SELEC", syntax.Message, StringComparison.Ordinal);
        Assert.Contains("Binder Error", binder.Message, StringComparison.Ordinal);
        Assert.Contains("nope", binder.Message, StringComparison.Ordinal);
        Assert.False(await w.Catalog.TableExistsAsync(TableIdentifier.Parse("mart.never")));
    }

    [Fact]
    public async Task An_empty_range_still_has_a_typed_view_and_commits_nothing()
    {
        await using var w = await LocalAsync();
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 5), Events(5, 5));
        var step = new SqlStep { Id = "big", Query = "SELECT id, amount, ts FROM events WHERE amount > 10", Target = "mart.big" };

        var same = await w.Runner.RunAsync(Work.For(step, [Range(s[1], s[1])]), CancellationToken.None);
        var none = await w.Runner.RunAsync(Work.For(step, [Range(null, null)], run: 2), CancellationToken.None);

        Assert.Equal(("0", string.Empty, "0"), (same["rows"], same["snapshot-id"], same["files"]));
        Assert.Equal(("0", string.Empty), (none["rows"], none["snapshot-id"]));
        var target = await w.LoadAsync("mart.big");
        Assert.Equal(["id long", "amount long", "ts timestamptz"], target.Schema.Fields.Select(f => $"{f.Name} {f.Type}"));
        Assert.Empty(target.Metadata.Snapshots);
    }

    [Fact]
    public async Task An_existing_target_maps_columns_by_name_with_allowed_promotions()
    {
        await using var w = await LocalAsync();
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 8));
        await w.Catalog.EnsureNamespaceAsync(new Namespace(["mart"]));
        await w.Catalog.CreateTableAsync(TableIdentifier.Parse("mart.promoted"), new Schema(0,
        [
            NestedField.OptionalField(1, "note", PrimitiveType.String),
            NestedField.RequiredField(2, "id", PrimitiveType.Long),
            NestedField.OptionalField(3, "small", PrimitiveType.Long),
        ]));
        // INTEGER into long, columns in another order than the table's, and 'note' left null.
        var step = new SqlStep { Id = "promote", Query = "SELECT CAST(amount AS INTEGER) AS small, ID FROM events", Target = "mart.promoted" };

        await w.Runner.RunAsync(Work.For(step, [Range(null, s[0])]), CancellationToken.None);

        var rows = (await w.ReadAsync("mart.promoted")).OrderBy(r => (long)r[1]!).ToArray();
        Assert.Equal(Events(0, 8).Select(e => new object?[] { null, e[0], e[2] }), rows);
    }

    [Fact]
    public async Task An_existing_target_of_incompatible_types_fails_naming_the_column()
    {
        await using var w = await LocalAsync();
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 3));
        await w.Catalog.EnsureNamespaceAsync(new Namespace(["mart"]));
        await w.Catalog.CreateTableAsync(TableIdentifier.Parse("mart.strict"), new Schema(0,
        [
            NestedField.OptionalField(1, "kind", PrimitiveType.Int),
            NestedField.RequiredField(2, "must", PrimitiveType.String),
        ]));

        var e = await Assert.ThrowsAsync<StepFailedException>(() => w.Runner.RunAsync(
            Work.For(new SqlStep { Id = "mismatch", Query = "SELECT kind, id AS extra FROM events", Target = "mart.strict" }, [Range(null, s[0])]), CancellationToken.None));

        Assert.Contains("column 'kind' is VARCHAR", e.Message, StringComparison.Ordinal);
        Assert.Contains("column 'extra' is not in the table", e.Message, StringComparison.Ordinal);
        Assert.Contains("required column 'must'", e.Message, StringComparison.Ordinal);
        Assert.Empty((await w.LoadAsync("mart.strict")).Metadata.Snapshots);
    }

    [Fact]
    public async Task Position_and_equality_deletes_are_honoured_for_incremental_and_full_inputs()
    {
        await using var w = await LocalAsync();
        var (table, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 10), Events(10, 10));
        var firstFile = (await table.NewIncrementalAppendScan().ToSnapshot(s[0]).PlanFilesAsync()).Single().File;
        var deletes = table.NewDeleteWriter();
        var positions = await deletes.WritePositionDeletesAsync(firstFile, [1, 3]);
        var keys = await deletes.WriteEqualityDeletesAsync([1], [[15L]]);
        table = await table.NewRowDelta().AddDeletes(positions).AddDeletes(keys).CommitAsync();
        long[] expected = [.. Enumerable.Range(0, 20).Select(i => (long)i).Except([1L, 3L, 15L])];

        await w.Runner.RunAsync(
            Work.For(new SqlStep { Id = "inc", Query = "SELECT id FROM events", Target = "mart.inc" }, [Range(null, table.CurrentSnapshot!.SnapshotId)]),
            CancellationToken.None);
        await w.Runner.RunAsync(
            Work.For(new SqlStep { Id = "full", Query = "SELECT id FROM all_events", Target = "mart.full", Inputs = [new SqlInput { Table = "raw.events", As = "all_events", Mode = SqlInputMode.Full }] }),
            CancellationToken.None);

        Assert.Equal(expected, (await w.ReadAsync("mart.inc")).Select(r => (long)r[0]!).Order());
        Assert.Equal(expected, (await w.ReadAsync("mart.full")).Select(r => (long)r[0]!).Order());
    }

    [Fact]
    public async Task A_full_input_joins_the_incremental_one()
    {
        await using var w = await LocalAsync();
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 4), Events(4, 6));
        var kinds = await w.Catalog.CreateTableAsync(new TableIdentifier(Raw, "kinds"), new Schema(0,
        [
            NestedField.RequiredField(1, "kind", PrimitiveType.String),
            NestedField.OptionalField(2, "label", PrimitiveType.String),
        ]));
        await kinds.AppendRowsAsync([["a", "alpha"], ["b", "beta"], ["c", "gamma"]]);
        var step = new SqlStep
        {
            Id = "enrich",
            Query = "SELECT e.id, k.label FROM events e JOIN k ON e.kind = k.kind",
            Target = "mart.enriched",
            Inputs = [new SqlInput { Table = "raw.events" }, new SqlInput { Table = "raw.kinds", As = "k", Mode = SqlInputMode.Full }],
        };

        await w.Runner.RunAsync(Work.For(step, [Range(s[0], s[1])]), CancellationToken.None);

        var labels = new Dictionary<string, string> { ["a"] = "alpha", ["b"] = "beta", ["c"] = "gamma" };
        var expected = Events(4, 6).Where(e => labels.ContainsKey((string)e[1]!)).Select(e => new object?[] { e[0], labels[(string)e[1]!] });
        AssertSameRows(expected, await w.ReadAsync("mart.enriched"));
    }

    [Fact]
    public async Task A_partitioned_target_gets_one_file_per_partition_per_shard_with_the_right_partition_values()
    {
        await using var w = await LocalAsync();
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 12), Events(12, 12));
        await w.Catalog.EnsureNamespaceAsync(new Namespace(["mart"]));
        var schema = new Schema(0,
        [
            NestedField.OptionalField(1, "kind", PrimitiveType.String),
            NestedField.RequiredField(2, "id", PrimitiveType.Long),
        ]);
        await w.Catalog.CreateTableAsync(TableIdentifier.Parse("mart.by_kind"), schema, new PartitionSpec(0, [new PartitionField(1, 1000, "kind", IdentityTransform.Instance)]));

        var outputs = await w.Runner.RunAsync(
            Work.For(new SqlStep { Id = "split", Query = "SELECT kind, id FROM events", Target = "mart.by_kind", MaxFilesPerShard = 1 }, [Range(null, s[1])]),
            CancellationToken.None);

        Assert.Equal(("2", "8"), (outputs["shards"], outputs["files"]));
        var target = await w.LoadAsync("mart.by_kind");
        var tasks = await target.NewScan().PlanFilesAsync();
        Assert.Equal(8, tasks.Count);
        foreach (var task in tasks)
        {
            var rows = await ParquetDataReader.ReadAsync(await target.IO.ReadAllBytesAsync(task.File.FilePath), target.Schema);
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal(task.File.Partition[0], r[0]));
            Assert.Contains($"/data/kind={task.File.Partition[0]}/", task.File.FilePath, StringComparison.Ordinal);
        }

        var aRows = new List<object?[]>();
        await foreach (var row in target.NewScan().Filter(Iceberg.Expressions.Expression.Parse("kind = 'a'")).ReadRowsAsync())
        {
            aRows.Add(row);
        }

        Assert.Equal(6, aRows.Count);
    }

    [Fact]
    public async Task A_failing_shard_removes_the_files_other_shards_wrote()
    {
        await using var w = await LocalAsync(o => o.MaxParallelShards = 1);
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 10), Events(10, 10));
        // HUGEINT becomes long: the second file's rows overflow it, the first file's do not.
        var step = new SqlStep
        {
            Id = "overflow",
            Query = "SELECT id, CASE WHEN id >= 10 THEN CAST(9223372036854775807 AS HUGEINT) + id ELSE CAST(id AS HUGEINT) END AS big FROM events",
            Target = "mart.overflow",
            MaxFilesPerShard = 1,
        };

        var e = await Assert.ThrowsAsync<StepFailedException>(() => w.Runner.RunAsync(Work.For(step, [Range(null, s[1])]), CancellationToken.None));

        Assert.Contains("'big'", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not fit", e.Message, StringComparison.Ordinal);
        var target = await w.LoadAsync("mart.overflow");
        Assert.Empty(target.Metadata.Snapshots);
        var dataFolder = Path.Combine(target.Location, "data");
        Assert.False(Directory.Exists(dataFolder) && Directory.EnumerateFiles(dataFolder, "*", SearchOption.AllDirectories).Any(), "uncommitted data files were left behind");
        Assert.Empty(Directory.EnumerateFileSystemEntries(w.ScratchDirectory));
    }

    [Fact]
    public async Task An_incremental_input_that_is_not_a_source_of_the_run_is_refused()
    {
        await using var w = await LocalAsync();
        await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 3));
        var step = new SqlStep { Id = "orphan", Query = "SELECT id FROM events", Target = "mart.orphan", Inputs = [new SqlInput { Table = "raw.events" }] };

        var e = await Assert.ThrowsAsync<StepFailedException>(() => w.Runner.RunAsync(Work.For(step), CancellationToken.None));

        Assert.Contains("not a source of this run", e.Message, StringComparison.Ordinal);
    }
}
