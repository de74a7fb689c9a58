using System.Text;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Tables;

/// <summary>Schemas and rows the table tests share.</summary>
internal static class SampleTables
{
    public static Schema Events { get; } = new(0,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Long),
        NestedField.RequiredField(2, "ts", PrimitiveType.TimestampTz),
        NestedField.OptionalField(3, "category", PrimitiveType.String),
        NestedField.OptionalField(4, "amount", PrimitiveType.Double),
    ]);

    public static PartitionSpec ByCategory { get; } = new(0, [new PartitionField(3, 1000, "category", IdentityTransform.Instance)]);

    public static object?[][] EventRows(int start, int count, params string[] categories)
    {
        var cats = categories.Length == 0 ? ["a", "b", "c"] : categories;
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(start, count)
            .Select(i => new object?[] { (long)i, t0.AddMinutes(i), cats[i % cats.Length], i % 7 == 0 ? null : i * 1.5 })
            .ToArray();
    }

    /// <summary>A schema with one column of every primitive type (the interoperability tests read it with icebird).</summary>
    public static Schema AllTypes { get; } = new(0,
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
        NestedField.OptionalField(13, "fx", PrimitiveType.Fixed(4)),
        NestedField.OptionalField(14, "bin", PrimitiveType.Binary),
    ]);

    public static object?[][] AllTypesRows(int start, int count) => Enumerable.Range(start, count).Select(i => i % 5 == 4
        ? new object?[] { i, null, null, null, null, null, null, null, null, null, null, null, null, null }
        : new object?[]
        {
            i,
            i % 2 == 0,
            (long)i * 1_000_000_007L,
            i + 0.25f,
            i * 1.125,
            decimal.Round((i * 12.345m) - 100m, 3),
            new DateOnly(2020, 1, 1).AddDays(i * 3),
            new TimeOnly(0, 0).Add(TimeSpan.FromSeconds(i * 61.5)),
            new DateTime(2021, 6, 1, 12, 0, 0, DateTimeKind.Unspecified).AddMinutes(i * 7).AddTicks(i * 10),
            new DateTimeOffset(2022, 3, 4, 5, 6, 7, TimeSpan.Zero).AddSeconds(i * 13).AddTicks(i * 30),
            $"row-{i}-ü",
            new Guid(i, (short)i, (short)(i * 2), 1, 2, 3, 4, 5, 6, 7, (byte)i),
            new byte[] { (byte)i, 1, 2, 3 },
            // Valid UTF-8 on purpose: icebird (hyparquet) decodes unannotated byte arrays as UTF-8 text.
            Encoding.UTF8.GetBytes(new string('x', i % 9) + "é"),
        }).ToArray();
}
