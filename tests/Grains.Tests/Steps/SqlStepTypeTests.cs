using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;
using static OrleansMaestro.Grains.Tests.Steps.SqlWarehouse;

namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>Every Iceberg primitive type through DuckDB and back: the view types, the result mapping and the value conversions.</summary>
public class SqlStepTypeTests
{
    private static readonly Schema AllTypes = new(0,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Int),
        NestedField.OptionalField(2, "b", PrimitiveType.Boolean),
        NestedField.OptionalField(3, "l", PrimitiveType.Long),
        NestedField.OptionalField(4, "f", PrimitiveType.Float),
        NestedField.OptionalField(5, "d", PrimitiveType.Double),
        NestedField.OptionalField(6, "dec", PrimitiveType.Decimal(12, 3)),
        NestedField.OptionalField(7, "date", PrimitiveType.Date),
        NestedField.OptionalField(8, "time", PrimitiveType.Time),
        NestedField.OptionalField(9, "ts", PrimitiveType.Timestamp),
        NestedField.OptionalField(10, "tstz", PrimitiveType.TimestampTz),
        NestedField.OptionalField(11, "s", PrimitiveType.String),
        NestedField.OptionalField(12, "u", PrimitiveType.Uuid),
        NestedField.OptionalField(13, "bin", PrimitiveType.Binary),
    ]);

    private static object?[][] Rows(int count) => Enumerable.Range(0, count).Select(i => i % 4 == 3
        ? new object?[] { i, null, null, null, null, null, null, null, null, null, null, null, null }
        : new object?[]
        {
            i,
            i % 2 == 0,
            (long)i * 1_000_000_007L,
            i + 0.25f,
            i * 1.125,
            decimal.Round((i * 12.345m) - 100m, 3),
            new DateOnly(2020, 1, 1).AddDays(i * 3),
            new TimeOnly(0, 0).Add(TimeSpan.FromTicks(i * 61_500_010)),
            new DateTime(2021, 6, 1, 12, 0, 0, DateTimeKind.Unspecified).AddMinutes(i * 7).AddTicks(i * 10),
            new DateTimeOffset(2022, 3, 4, 5, 6, 7, TimeSpan.Zero).AddSeconds(i * 13).AddTicks(i * 30),
            $"row-{i}-ü",
            new Guid(i, (short)i, (short)(i * 2), 1, 2, 3, 4, 5, 6, 7, (byte)i),
            new byte[] { (byte)i, 0, 255, 3 },
        }).ToArray();

    [Fact]
    public async Task Every_primitive_type_round_trips_into_a_new_target_with_the_same_types()
    {
        await using var w = await LocalAsync();
        await w.Catalog.EnsureNamespaceAsync(Raw);
        var table = await w.Catalog.CreateTableAsync(new TableIdentifier(Raw, "all_types"), AllTypes);
        table = await table.AppendRowsAsync(Rows(12));
        var step = new SqlStep { Id = "copy", Query = "SELECT * FROM all_types", Target = "mart.all_types" };

        // Twice: over the data files, and over an empty range (the typed empty view must describe the same columns).
        await w.Runner.RunAsync(Work.For(step, [new SnapshotRange { Table = "raw.all_types", ToInclusive = table.CurrentSnapshot!.SnapshotId }]), CancellationToken.None);
        var empty = await w.Runner.RunAsync(
            Work.For(step with { Target = "mart.all_types_empty" }, [new SnapshotRange { Table = "raw.all_types", FromExclusive = table.CurrentSnapshot.SnapshotId, ToInclusive = table.CurrentSnapshot.SnapshotId }]),
            CancellationToken.None);

        var target = await w.LoadAsync("mart.all_types");
        Assert.Equal(AllTypes.Fields.Select(f => $"{f.Name} {f.Type}"), target.Schema.Fields.Select(f => $"{f.Name} {f.Type}"));
        Assert.Equal(target.Schema.Fields.Select(f => $"{f.Name} {f.Type}"), (await w.LoadAsync("mart.all_types_empty")).Schema.Fields.Select(f => $"{f.Name} {f.Type}"));
        Assert.Equal("0", empty["rows"]);
        var rows = (await w.ReadAsync("mart.all_types")).OrderBy(r => (int)r[0]!).ToArray();
        var expected = Rows(12);
        Assert.Equal(expected.Length, rows.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], rows[i]);
        }
    }

    [Fact]
    public async Task A_result_type_without_an_iceberg_counterpart_asks_for_a_cast()
    {
        await using var w = await LocalAsync();
        var (_, s) = await AppendBatchesAsync(await w.CreateEventsAsync(), Events(0, 3));

        var e = await Assert.ThrowsAsync<Grains.Steps.StepFailedException>(() => w.Runner.RunAsync(
            Work.For(new SqlStep { Id = "interval", Query = "SELECT id, ts - TIMESTAMPTZ '2026-01-01 00:00:00+00' AS age FROM events", Target = "mart.ages" },
                [new SnapshotRange { Table = "raw.events", ToInclusive = s[0] }]),
            CancellationToken.None));

        Assert.Contains("'age'", e.Message, StringComparison.Ordinal);
        Assert.Contains("INTERVAL", e.Message, StringComparison.Ordinal);
        Assert.Contains("cast", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
