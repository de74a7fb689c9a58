using OrleansMaestro.Iceberg.DataFiles;
using OrleansMaestro.Iceberg.Spec;
using Parquet;

namespace OrleansMaestro.Iceberg.Tests.DataFiles;

public class ParquetRoundTripTests
{
    internal static readonly Schema AllTypes = new(0,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Int),
        NestedField.OptionalField(2, "b", PrimitiveType.Boolean),
        NestedField.OptionalField(3, "l", PrimitiveType.Long),
        NestedField.OptionalField(4, "f", PrimitiveType.Float),
        NestedField.OptionalField(5, "d", PrimitiveType.Double),
        NestedField.OptionalField(6, "dec9", PrimitiveType.Decimal(9, 2)),
        NestedField.OptionalField(7, "dec18", PrimitiveType.Decimal(18, 4)),
        NestedField.OptionalField(8, "dec38", PrimitiveType.Decimal(38, 10)),
        NestedField.OptionalField(9, "date", PrimitiveType.Date),
        NestedField.OptionalField(10, "time", PrimitiveType.Time),
        NestedField.OptionalField(11, "ts", PrimitiveType.Timestamp),
        NestedField.OptionalField(12, "tstz", PrimitiveType.TimestampTz),
        NestedField.OptionalField(13, "s", PrimitiveType.String),
        NestedField.OptionalField(14, "u", PrimitiveType.Uuid),
        NestedField.OptionalField(15, "fx", PrimitiveType.Fixed(3)),
        NestedField.OptionalField(16, "bin", PrimitiveType.Binary),
    ]);

    internal static List<object?[]> AllTypesRows() =>
    [
        [1, true, long.MaxValue, float.MaxValue, double.MinValue, 9999999.99m, 99999999999999.9999m, 7922816251.4264337593m,
            new DateOnly(1, 1, 1), new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9_999_990)), new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Unspecified).AddTicks(1_234_560),
            new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(10), "héllo", Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), new byte[] { 1, 2, 3 }, new byte[] { 0xff, 0 }],
        [2, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
        [3, false, long.MinValue, float.NaN, double.MaxValue, -9999999.99m, -0.0001m, -7922816251.4264337593m,
            new DateOnly(9999, 12, 31), TimeOnly.MinValue, new DateTime(1900, 1, 1), new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero), "", Guid.Empty, new byte[] { 0, 0, 0 }, Array.Empty<byte>()],
        [4, true, 0L, -1.5f, 0.0, 0m, 1m, 0m, new DateOnly(1970, 1, 1), new TimeOnly(12, 0), new DateTime(2000, 2, 29), new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)), "zzz\uD83D\uDE00", Guid.Parse("ffffffff-0000-0000-0000-000000000001"), new byte[] { 9, 9, 9 }, new byte[] { 1 }],
    ];

    internal static async Task<(byte[] Bytes, DataFile File)> WriteAsync(Schema schema, IEnumerable<object?[]> rows, ParquetWriteOptions? options = null)
    {
        var ms = new MemoryStream();
        var file = await ParquetDataWriter.WriteAsync(schema, rows, ms, "mem://t.parquet", options: options);
        return (ms.ToArray(), file);
    }

    [Fact]
    public async Task EveryPrimitiveTypeRoundTrips()
    {
        var rows = AllTypesRows();
        var (bytes, file) = await WriteAsync(AllTypes, rows);
        var read = await ParquetDataReader.ReadAsync(bytes, AllTypes);

        Assert.Equal(rows.Count, read.Count);
        Assert.Equal(bytes.Length, file.FileSizeInBytes);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < AllTypes.Fields.Count; c++)
            {
                var expected = Normalize(rows[r][c], AllTypes.Fields[c].Type);
                Assert.True(ValueEquality.AreEqual(expected, read[r][c]), $"row {r} column {AllTypes.Fields[c].Name}: expected {expected} got {read[r][c]}");
            }
        }

        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)read[0][10]!).Kind);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)read[3][11]!).Offset);
    }

    [Fact]
    public async Task MetricsMatchTheData()
    {
        var rows = AllTypesRows();
        var (_, file) = await WriteAsync(AllTypes, rows);

        Assert.Equal(4, file.RecordCount);
        Assert.Equal(FileFormat.Parquet, file.FileFormat);
        Assert.Equal(DataFileContent.Data, file.Content);
        Assert.Equal("mem://t.parquet", file.FilePath);
        foreach (var field in AllTypes.Fields)
        {
            var values = rows.Select(r => Normalize(r[field.Id - 1], field.Type)).ToList();
            Assert.Equal(4, file.ValueCounts![field.Id]);
            Assert.Equal(values.Count(v => v is null), file.NullValueCounts![field.Id]);
            Assert.True(file.ColumnSizes![field.Id] > 0);
            var p = (PrimitiveType)field.Type;
            var nonNull = values.Where(v => v is not null && v is not float.NaN && v is not double.NaN).ToList();
            var sorted = nonNull.Order(Comparer<object?>.Create((a, b) => Compare(p, a!, b!))).ToList();
            Assert.True(ValueEquality.AreEqual(sorted[0], Conversions.FromBytes(p, file.LowerBounds![field.Id])), $"lower {field.Name}");
            Assert.True(ValueEquality.AreEqual(sorted[^1], Conversions.FromBytes(p, file.UpperBounds![field.Id])), $"upper {field.Name}");
        }

        Assert.Equal(1, file.NanValueCounts![4]);
        Assert.Equal(0, file.NanValueCounts[5]);
        Assert.Equal("zzz\uD83D\uDE00", Conversions.FromBytes(PrimitiveType.String, file.UpperBounds![13]));
        Assert.Single(file.SplitOffsets!);
        Assert.Equal(4, file.SplitOffsets![0]);
    }

    [Fact]
    public async Task FooterHasFieldIdsAndSpecTypes()
    {
        var (bytes, _) = await WriteAsync(AllTypes, AllTypesRows());
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes));
        // Parquet.Net leaves DataField.FieldId at -1 when reading; the id is on the footer's schema element.
        var byName = reader.Metadata!.Schema.Skip(1).ToDictionary(e => e.Name);
        foreach (var field in AllTypes.Fields)
        {
            Assert.Equal(field.Id, byName[field.Name].FieldId);
            Assert.Equal(field.Id, reader.Schema.DataFields.Single(d => d.Name == field.Name).SchemaElement!.FieldId);
        }

        Assert.Equal(Parquet.Meta.FieldRepetitionType.REQUIRED, byName["id"].RepetitionType);
        Assert.Equal(Parquet.Meta.FieldRepetitionType.OPTIONAL, byName["l"].RepetitionType);
        foreach (var (name, utc) in new[] { ("ts", false), ("tstz", true) })
        {
            var e = byName[name];
            Assert.Equal(Parquet.Meta.Type.INT64, e.Type);
            Assert.NotNull(e.LogicalType!.TIMESTAMP!.Unit.MICROS);
            Assert.Equal(utc, e.LogicalType.TIMESTAMP.IsAdjustedToUTC);
        }

        Assert.Equal(Parquet.Meta.Type.INT64, byName["time"].Type);
        Assert.NotNull(byName["time"].LogicalType!.TIME!.Unit.MICROS);
        Assert.False(byName["time"].LogicalType!.TIME!.IsAdjustedToUTC);
        Assert.Equal(Parquet.Meta.Type.INT32, byName["date"].Type);
        Assert.Equal(Parquet.Meta.Type.INT32, byName["dec9"].Type);
        Assert.Equal(Parquet.Meta.Type.INT64, byName["dec18"].Type);
        Assert.Equal(Parquet.Meta.Type.FIXED_LEN_BYTE_ARRAY, byName["dec38"].Type);
        Assert.Equal(16, byName["u"].TypeLength);
        Assert.NotNull(byName["u"].LogicalType!.UUID);
        Assert.Equal(Parquet.Meta.Type.BYTE_ARRAY, byName["s"].Type);
        Assert.Equal(Parquet.Meta.CompressionCodec.SNAPPY, reader.Metadata.RowGroups[0].Columns[0].MetaData!.Codec);
    }

    [Fact]
    public async Task NullInRequiredColumnIsRejected()
    {
        var rows = AllTypesRows();
        rows[1][0] = null;
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => WriteAsync(AllTypes, rows));
        Assert.Contains("'id'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 1", ex.Message, StringComparison.Ordinal);
    }

    internal static object? Normalize(object? value, IcebergType type) => value switch
    {
        DateTimeOffset o => new DateTimeOffset(o.UtcTicks - (o.UtcTicks % 10), TimeSpan.Zero),
        _ => value,
    };

    private static int Compare(PrimitiveType p, object a, object b) => p.TypeId switch
    {
        TypeId.String => string.CompareOrdinal(a.ToString(), b.ToString()),
        TypeId.Binary or TypeId.Fixed => ((byte[])a).AsSpan().SequenceCompareTo((byte[])b),
        TypeId.Uuid => ((Guid)a).ToByteArray(true).AsSpan().SequenceCompareTo(((Guid)b).ToByteArray(true)),
        _ => ((IComparable)a).CompareTo(b),
    };
}
