using System.Text.Json.Nodes;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Expressions;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Scan;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Iceberg.Tests.Interop;

/// <summary>
/// Tables written by another implementation, read here. tests/tools/write-iceberg.mjs writes them as Iceberg Java and
/// Spark lay tables out (Avro manifests and manifest lists with Java's field names, Parquet data with field ids,
/// position and equality delete files, a metadata-only delete, Hadoop and metastore metadata names, <c>s3a://</c> and
/// <c>file:</c> locations) with JavaScript libraries that share no code with ours; every row and value must come back
/// as the script says, at every snapshot.
/// </summary>
public sealed class ForeignTableTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("maestro-foreign-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public async Task A_v2_table_with_row_level_deletes_reads_value_for_value_at_every_snapshot()
    {
        var foreign = await ForeignTableWriter.WriteAsync(Path.Combine(_folder, "t"), formatVersion: 2);
        var io = new LocalFileIO();

        Assert.Equal(["append", "append", "overwrite", "delete"], foreign.Snapshots.Select(s => s.Operation));
        await AssertEverySnapshotAsync(io, foreign);
    }

    [Fact]
    public async Task A_v1_table_with_old_style_metadata_and_file_uris_reads_value_for_value_at_every_snapshot()
    {
        var folder = Path.Combine(_folder, "v1");
        // Spark on a local Hadoop catalog writes locations as file:/path (one slash).
        var foreign = await ForeignTableWriter.WriteAsync(folder, formatVersion: 1, locationPrefix: "file:" + folder);
        var io = new LocalFileIO();

        Assert.Equal(["append", "append", "delete"], foreign.Snapshots.Select(s => s.Operation));
        Assert.EndsWith("/metadata/v4.metadata.json", foreign.Current.MetadataLocation, StringComparison.Ordinal);
        await AssertEverySnapshotAsync(io, foreign);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("brotli")]
    [InlineData("uncompressed")]
    public async Task Parquet_files_with_each_codec_read_including_lists_and_maps_in_v2_pages(string codec)
    {
        // The default (snappy) is read by every other test; hyparquet-writer writes DATA_PAGE_V2 pages, whose list and
        // map columns this library re-frames before Parquet.Net reads them, decompressing them with the file's codec.
        var foreign = await ForeignTableWriter.WriteAsync(Path.Combine(_folder, codec), parquetCodec: codec);
        var table = await Table.LoadFromMetadataAsync(new LocalFileIO(), foreign.Current.MetadataLocation);

        Assert.Equal(codec, table.Metadata.Properties["write.parquet.compression-codec"]);
        Assert.Equal(ForeignRows.Expected(table.Schema, foreign.Current.Rows), ForeignRows.Read(table.Schema, await ReadAsync(table.NewScan().ReadRowsAsync())));
    }

    [Fact]
    public async Task Gzip_compressed_metadata_files_read_as_the_spec_allows()
    {
        var foreign = await ForeignTableWriter.WriteAsync(Path.Combine(_folder, "gz"), gzipMetadata: true);

        Assert.EndsWith(".gz.metadata.json", foreign.Current.MetadataLocation, StringComparison.Ordinal);
        await AssertEverySnapshotAsync(new LocalFileIO(), foreign);
    }

    [Fact]
    public async Task A_v2_table_on_s3a_locations_reads_value_for_value_from_the_s3_server()
    {
        var prefix = $"foreign-{Guid.NewGuid():N}/t";
        var foreign = await ForeignTableWriter.WriteAsync(Path.Combine(_folder, "s3"), locationPrefix: $"s3a://{s3.BucketName}/{prefix}");
        using var s3io = s3.CreateFileIO();
        await UploadAsync(s3io, Path.Combine(_folder, "s3"), $"s3a://{s3.BucketName}/{prefix}");
        // Nothing of the table is local: every location in its metadata is s3a://.
        Directory.Delete(Path.Combine(_folder, "s3"), recursive: true);
        var io = new ResolvingFileIO(new LocalFileIO(), s3io);

        Assert.StartsWith("s3a://", foreign.Current.MetadataLocation, StringComparison.Ordinal);
        await AssertEverySnapshotAsync(io, foreign);
    }

    [Fact]
    public async Task Imported_files_without_field_ids_read_through_the_name_mapping_and_identity_partition_values()
    {
        // As Spark's add_files/migrate leave a Hive table: the first snapshot's files have no field ids, no category
        // column (Hive keeps it in the path) and call customer_name by its name before a rename.
        var foreign = await ForeignTableWriter.WriteAsync(Path.Combine(_folder, "imported"), importedFiles: true);
        var table = await Table.LoadFromMetadataAsync(new LocalFileIO(), foreign.Current.MetadataLocation);

        Assert.Equal("customer_name", table.Schema.Fields[1].Name);
        Assert.Contains("schema.name-mapping.default", table.Metadata.Properties.Keys);
        await AssertEverySnapshotAsync(new LocalFileIO(), foreign);

        // Filters on a mapped column (its null counts prune the file without nulls) and on the partition column
        // read the imported files' values too.
        var first = foreign.Snapshots[0];
        await AssertFilterAsync(table.NewScan().UseSnapshot(first.SnapshotId), "customer_name is null", first,
            f => f.Partition["category"] == "b", r => r["customer_name"] is null);
        await AssertFilterAsync(table.NewScan().UseSnapshot(first.SnapshotId), "category = 'a'", first,
            f => f.Partition["category"] == "a", r => r["category"]!.GetValue<string>() == "a");
    }

    [Fact]
    public async Task Scan_planning_applies_deletes_by_partition_and_sequence_number_as_the_spec_says()
    {
        var foreign = await ForeignTableWriter.WriteAsync(Path.Combine(_folder, "t"));
        var table = await Table.LoadFromMetadataAsync(new LocalFileIO(), foreign.Current.MetadataLocation);

        var tasks = await table.NewScan().PlanFilesAsync();

        Assert.Equal(foreign.Current.DataFiles.Select(f => f.Path).Order(), tasks.Select(t => t.File.FilePath).Order());
        var positionDeletes = foreign.Current.DeleteFiles.Single(f => f.Content == 1);
        var equalityDeletes = foreign.Current.DeleteFiles.Single(f => f.Content == 2);
        // Snapshot 3 wrote both delete files and the new version of row 5: the position deletes apply in their
        // partition (day 1, a); the equality deletes apply in theirs (day 2, b) only to files of older sequence
        // numbers, so not to the new row 5 written in the same commit.
        foreach (var task in tasks)
        {
            var file = foreign.Current.DataFiles.Single(f => f.Path == task.File.FilePath);
            string[] expected = (file.Partition["category"], task.DataSequenceNumber) switch
            {
                ("a", _) => [positionDeletes.Path],
                ("b", < 3) => [equalityDeletes.Path],
                _ => [],
            };
            Assert.Equal(expected, task.Deletes.Select(d => d.FilePath).Order());
        }

        Assert.Equal(foreign.Snapshots.Select(s => s.SnapshotId), table.Metadata.Snapshots.Select(s => s.SnapshotId));
        Assert.Equal(foreign.Current.SequenceNumber, table.Metadata.LastSequenceNumber);
    }

    [Fact]
    public async Task Incremental_append_scan_between_the_two_appends_returns_exactly_the_second_appends_rows()
    {
        var foreign = await ForeignTableWriter.WriteAsync(Path.Combine(_folder, "t"));
        var table = await Table.LoadFromMetadataAsync(new LocalFileIO(), foreign.Current.MetadataLocation);
        var (first, second) = (foreign.Snapshots[0], foreign.Snapshots[1]);

        var scan = table.NewIncrementalAppendScan().FromSnapshotExclusive(first.SnapshotId).ToSnapshot(second.SnapshotId);

        var firstIds = ForeignRows.Ids(first.Rows).ToHashSet();
        var appended = second.Rows.Where(r => !firstIds.Contains(r["id"]!.GetValue<long>())).ToArray();
        Assert.Equal(4, appended.Length);
        Assert.Equal(ForeignRows.Expected(table.Schema, appended), ForeignRows.Read(table.Schema, await ReadAsync(scan.ReadRowsAsync())));
        Assert.Equal(
            second.DataFiles.Select(f => f.Path).Except(first.DataFiles.Select(f => f.Path)).Order(),
            (await scan.PlanFilesAsync()).Select(t => t.File.FilePath).Order());
    }

    [Fact]
    public async Task Filters_prune_partitions_and_files_by_the_foreign_manifests_and_bounds()
    {
        var foreign = await ForeignTableWriter.WriteAsync(Path.Combine(_folder, "t"));
        var table = await Table.LoadFromMetadataAsync(new LocalFileIO(), foreign.Current.MetadataLocation);
        var second = foreign.Snapshots[1];

        // Identity partition: only category b's files of snapshot 2 are planned.
        await AssertFilterAsync(table.NewScan().UseSnapshot(second.SnapshotId), "category = 'b'", second,
            f => f.Partition["category"] == "b", r => r["category"]!.GetValue<string>() == "b");

        // day(event_ts) partition: a timestamp range keeps only the first day's file; its position delete applies.
        await AssertFilterAsync(table.NewScan(), "event_ts < '2024-01-02T00:00:00Z'", foreign.Current,
            f => f.Partition["event_ts_day"] == "2024-01-01", r => r["event_ts"]!.GetValue<string>().StartsWith("2024-01-01", StringComparison.Ordinal));

        // Column bounds: the script truncates string bounds to 16 characters as Java does; the long name must still match.
        var longName = foreign.Current.Rows.Select(r => r["name"]?.GetValue<string>()).Single(n => n?.Length > 16)!;
        await AssertFilterAsync(table.NewScan(), $"name = '{longName}'", foreign.Current,
            f => f.Partition["category"] == "a" && f.Partition["event_ts_day"] == "2024-01-01", r => r["name"]?.GetValue<string>() == longName);

        // Row 5 was updated by a new file and an equality delete in the same commit: only the new version remains.
        var five = await ReadAsync(table.NewScan().Filter(Expression.Parse("id = 5")).ReadRowsAsync());
        Assert.Equal("five (updated)", Assert.Single(five)[1]);
    }

    [Fact]
    public async Task A_registered_foreign_table_on_s3a_takes_our_commits_and_icebird_reads_them()
    {
        var prefix = $"foreign-{Guid.NewGuid():N}/t";
        var location = $"s3a://{s3.BucketName}/{prefix}";
        var foreign = await ForeignTableWriter.WriteAsync(Path.Combine(_folder, "s3"), locationPrefix: location);
        using var s3io = s3.CreateFileIO();
        await UploadAsync(s3io, Path.Combine(_folder, "s3"), location);
        var io = new ResolvingFileIO(new LocalFileIO(), s3io);
        await using var store = new SqliteCatalogStore(new SqliteCatalogOptions { FilePath = Path.Combine(_folder, "catalog.db") });
        var catalog = new SqlCatalog(store, io, new CatalogOptions { Warehouse = Path.Combine(_folder, "warehouse") });
        await catalog.InitializeAsync();
        await catalog.CreateNamespaceAsync(Namespace.Parse("spark"));

        var table = await catalog.RegisterTableAsync(TableIdentifier.Parse("spark.events"), foreign.Current.MetadataLocation);
        object?[][] added =
        [
            [
                11L, "eleven", 11, 11.5, 11.11m, 1111.1111m, new DateOnly(2024, 1, 4), new DateTimeOffset(2024, 1, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234560), true, "c",
                new StructValue(1.25, null), new List<object?> { "p", null }, new List<KeyValuePair<object, object?>> { new("k", 11L) },
            ],
            [12L, null, null, null, null, null, null, new DateTimeOffset(2024, 1, 3, 12, 0, 0, TimeSpan.Zero), null, "a", null, null, null],
        ];
        table = await table.AppendRowsAsync(added);

        // Our commit continues the foreign history, in the foreign table's location and partition layout.
        Assert.Equal(foreign.Current.SnapshotId, table.CurrentSnapshot!.ParentSnapshotId);
        Assert.Equal(foreign.Current.SequenceNumber + 1, table.CurrentSnapshot.SequenceNumber);
        Assert.StartsWith(location + "/metadata/", table.MetadataLocation, StringComparison.Ordinal);
        var newFiles = (await table.NewIncrementalAppendScan().FromSnapshotExclusive(foreign.Current.SnapshotId).PlanFilesAsync()).Select(t => t.File.FilePath).ToArray();
        Assert.Equal(2, newFiles.Length);
        Assert.All(newFiles, f => Assert.StartsWith(location + "/data/event_ts_day=2024-01-0", f, StringComparison.Ordinal));

        var ours = await ReadAsync((await catalog.LoadTableAsync(table.Identifier)).NewScan().ReadRowsAsync());
        Assert.Equal(
            ForeignRows.Expected(table.Schema, foreign.Current.Rows).Concat(ForeignRows.Read(table.Schema, added)).Order(StringComparer.Ordinal),
            ForeignRows.Read(table.Schema, ours));

        var icebird = await IcebirdReader.ReadAsync(table.MetadataLocation, s3.ServiceUrl);
        Assert.Equal(IcebirdLines(table.Schema, ours), IcebirdLines(table.Schema, icebird));
    }

    /// <summary>Each snapshot read from its own metadata file, and from the last one with UseSnapshot: the script's rows.</summary>
    private static async Task AssertEverySnapshotAsync(IFileIO io, ForeignTable foreign)
    {
        var latest = await Table.LoadFromMetadataAsync(io, foreign.Current.MetadataLocation);
        Assert.Equal(foreign.FormatVersion, latest.Metadata.FormatVersion);
        Assert.Equal(foreign.Location, latest.Location);
        Assert.Equal(foreign.Snapshots.Select(s => s.SnapshotId), latest.Metadata.Snapshots.Select(s => s.SnapshotId));
        foreach (var snapshot in foreign.Snapshots)
        {
            var expected = ForeignRows.Expected(latest.Schema, snapshot.Rows);
            var atThatTime = await Table.LoadFromMetadataAsync(io, snapshot.MetadataLocation);
            Assert.Equal(snapshot.SnapshotId, atThatTime.CurrentSnapshot!.SnapshotId);
            Assert.Equal(expected, ForeignRows.Read(atThatTime.Schema, await ReadAsync(atThatTime.NewScan().ReadRowsAsync())));
            Assert.Equal(expected, ForeignRows.Read(latest.Schema, await ReadAsync(latest.NewScan().UseSnapshot(snapshot.SnapshotId).ReadRowsAsync())));
        }
    }

    private static async Task AssertFilterAsync(
        TableScan scan, string filter, ForeignSnapshot snapshot, Func<ForeignFile, bool> keptFiles, Func<JsonObject, bool> keptRows)
    {
        scan = scan.Filter(Expression.Parse(filter));
        var planned = (await scan.PlanFilesAsync()).Select(t => t.File.FilePath).Order().ToArray();
        Assert.Equal(snapshot.DataFiles.Where(keptFiles).Select(f => f.Path).Order(), planned);
        Assert.True(planned.Length < snapshot.DataFiles.Count, $"'{filter}' should prune files");
        Assert.Equal(ForeignRows.Expected(scan.Schema, snapshot.Rows.Where(keptRows)), ForeignRows.Read(scan.Schema, await ReadAsync(scan.ReadRowsAsync())));
    }

    private static async Task UploadAsync(IFileIO s3io, string folder, string location)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            await s3io.WriteAllBytesAsync($"{location}/{key}", await File.ReadAllBytesAsync(file));
        }
    }

    private static async Task<List<object?[]>> ReadAsync(IAsyncEnumerable<object?[]> rows)
    {
        var result = new List<object?[]>();
        await foreach (var row in rows)
        {
            result.Add(row);
        }

        return result;
    }

    // Left out of the icebird comparison: decimals wider than the 15 significant digits of the doubles icebird reads them
    // into, and structs, which icebird 0.3.1's hyparquet (1.19) reads as null from a one-row file this library writes
    // (DuckDB and hyparquet 1.31 read that file's struct as written; our own reader is checked above at full precision).
    private static bool IcebirdComparable(NestedField field) => field.Type is not (DecimalType { Precision: > 15 } or StructType);

    private static string[] IcebirdLines(Schema schema, IEnumerable<object?[]> rows) =>
        rows.Select(r => string.Join(" | ", schema.Fields.Select((f, i) => (Field: f, Value: r[i])).Where(c => IcebirdComparable(c.Field))
                .Select(c => $"{c.Field.Name}={IcebirdValues.Expected(c.Field.Type, c.Value)}")))
            .Order(StringComparer.Ordinal).ToArray();

    private static string[] IcebirdLines(Schema schema, IEnumerable<JsonObject> rows) =>
        rows.Select(r => string.Join(" | ", schema.Fields.Where(IcebirdComparable).Select(f => $"{f.Name}={IcebirdValues.Actual(f.Type, r[f.Name])}")))
            .Order(StringComparer.Ordinal).ToArray();
}
