using System.Globalization;
using System.Text.Json.Nodes;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;
using OrleansMaestro.Iceberg.Tests.Tables;

namespace OrleansMaestro.Iceberg.Tests.Interop;

/// <summary>
/// Tables written by this library, read back by icebird (an independent JavaScript Iceberg reader, run as a node
/// process): the same rows and values, on each catalog/storage pair.
/// </summary>
public abstract class IcebirdInteropTests
{
    private static readonly Namespace Ns = new(["interop"]);

    private protected abstract Task<TestWarehouse> OpenAsync();

    [Fact]
    public async Task Every_primitive_type_reads_the_same_in_icebird_at_each_snapshot()
    {
        await using var w = await OpenAsync();
        var table = await CreateAsync(w, "all_types", SampleTables.AllTypes);
        var first = SampleTables.AllTypesRows(0, 12);
        var second = SampleTables.AllTypesRows(12, 13);

        table = await table.AppendRowsAsync(first);
        var firstMetadata = table.MetadataLocation;
        table = await table.AppendRowsAsync(second);

        AssertSameRows(table.Schema, first, await IcebirdReader.ReadAsync(firstMetadata, w.S3Endpoint));
        AssertSameRows(table.Schema, first.Concat(second), await IcebirdReader.ReadAsync(table.MetadataLocation, w.S3Endpoint));
    }

    [Fact]
    public async Task Partitioned_tables_read_the_same_in_icebird()
    {
        await using var w = await OpenAsync();
        var spec = new PartitionSpec(0,
        [
            new PartitionField(1, 1000, "id_bucket", new BucketTransform(4)),
            new PartitionField(10, 1001, "tstz_day", DayTransform.Instance),
            new PartitionField(11, 1002, "s_trunc", new TruncateTransform(5)),
            new PartitionField(7, 1003, "date_month", MonthTransform.Instance),
            new PartitionField(2, 1004, "b", IdentityTransform.Instance),
        ]);
        var table = await CreateAsync(w, "partitioned", SampleTables.AllTypes, spec);
        var rows = new List<object?[]>();
        for (var batch = 0; batch < 3; batch++)
        {
            var next = SampleTables.AllTypesRows(batch * 20, 20);
            rows.AddRange(next);
            table = await table.AppendRowsAsync(next);
        }

        Assert.True((await table.NewScan().PlanFilesAsync()).Count > 3, "the rows should spread over several partitions");
        AssertSameRows(table.Schema, rows, await IcebirdReader.ReadAsync(table.MetadataLocation, w.S3Endpoint));
    }

    [Fact]
    public async Task Renamed_and_added_columns_read_by_field_id_in_icebird()
    {
        await using var w = await OpenAsync();
        var table = await CreateAsync(w, "evolved", SampleTables.Events);
        var before = SampleTables.EventRows(0, 6);
        table = await table.AppendRowsAsync(before);

        table = await table.UpdateSchema().RenameColumn("amount", "value").AddColumn("note", PrimitiveType.String).CommitAsync();
        var after = SampleTables.EventRows(6, 4).Select(r => r.Append($"note-{r[0]}").ToArray()).ToArray();
        table = await table.AppendRowsAsync(after);

        var expected = before.Select(r => r.Append(null).ToArray()).Concat(after).ToArray();
        var icebird = await IcebirdReader.ReadAsync(table.MetadataLocation, w.S3Endpoint);
        Assert.Contains("value", icebird[0].Select(p => p.Key));
        AssertSameRows(table.Schema, expected, icebird);
    }

    [Fact]
    public async Task Deleted_files_and_row_level_deletes_are_applied_by_icebird_as_here()
    {
        await using var w = await OpenAsync();
        var table = await CreateAsync(w, "deletes", SampleTables.Events);
        table = await table.AppendRowsAsync(SampleTables.EventRows(0, 10));
        var firstFile = (await table.NewScan().PlanFilesAsync()).Single().File;
        table = await table.AppendRowsAsync(SampleTables.EventRows(10, 10));
        table = await table.AppendRowsAsync(SampleTables.EventRows(20, 5));
        var thirdFile = (await table.NewIncrementalAppendScan().FromSnapshotExclusive(table.CurrentSnapshot!.ParentSnapshotId!.Value).PlanFilesAsync()).Single().File;

        var deletes = table.NewDeleteWriter();
        var positions = await deletes.WritePositionDeletesAsync(firstFile, [1, 3]);
        var keys = await deletes.WriteEqualityDeletesAsync([1], [[15L], [16L]]);
        table = await table.NewRowDelta().AddDeletes(positions).AddDeletes(keys).CommitAsync();
        table = await table.NewDelete().DeleteFile(thirdFile).CommitAsync();

        long[] expectedIds = [0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 17, 18, 19];
        var ours = new List<long>();
        await foreach (var row in table.NewScan().ReadRowsAsync())
        {
            ours.Add((long)row[0]!);
        }

        Assert.Equal(expectedIds, ours.Order());
        var icebird = await IcebirdReader.ReadAsync(table.MetadataLocation, w.S3Endpoint);
        Assert.Equal(expectedIds, icebird.Select(r => long.Parse(r["id"]!["$bigint"]!.GetValue<string>(), CultureInfo.InvariantCulture)).Order());
    }

    private static async Task<Table> CreateAsync(TestWarehouse w, string name, Schema schema, PartitionSpec? spec = null)
    {
        await w.Catalog.EnsureNamespaceAsync(Ns);
        return await w.Catalog.CreateTableAsync(new TableIdentifier(Ns, name), schema, spec);
    }

    /// <summary>Every row, matched on the first column, has the same value in every column (as icebird can express it).</summary>
    private static void AssertSameRows(Schema schema, IEnumerable<object?[]> expected, IReadOnlyList<JsonObject> actual)
    {
        var want = expected.Select(r => schema.Fields.Select((f, i) => $"{f.Name}={IcebirdValues.Expected(f.Type.AsPrimitive(), r[i])}").ToArray())
            .OrderBy(r => r[0], StringComparer.Ordinal).ToArray();
        var got = actual.Select(r => schema.Fields.Select(f => $"{f.Name}={IcebirdValues.Actual(f.Type.AsPrimitive(), r[f.Name])}").ToArray())
            .OrderBy(r => r[0], StringComparer.Ordinal).ToArray();
        Assert.Equal(want.Length, got.Length);
        for (var i = 0; i < want.Length; i++)
        {
            Assert.Equal(want[i], got[i]);
        }
    }
}
