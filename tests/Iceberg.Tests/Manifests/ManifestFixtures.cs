using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Manifests;

/// <summary>A schema with one column of every primitive type, identity-partitioned on all of them.</summary>
internal static class ManifestFixtures
{
    public static readonly Schema AllTypesSchema = new(3,
    [
        NestedField.RequiredField(1, "b", PrimitiveType.Boolean),
        NestedField.RequiredField(2, "i", PrimitiveType.Int),
        NestedField.RequiredField(3, "l", PrimitiveType.Long),
        NestedField.OptionalField(4, "f", PrimitiveType.Float),
        NestedField.OptionalField(5, "d", PrimitiveType.Double),
        NestedField.OptionalField(6, "dec", PrimitiveType.Decimal(9, 2)),
        NestedField.OptionalField(7, "big dec", PrimitiveType.Decimal(20, 4)),
        NestedField.OptionalField(8, "dt", PrimitiveType.Date),
        NestedField.OptionalField(9, "t", PrimitiveType.Time),
        NestedField.OptionalField(10, "ts", PrimitiveType.Timestamp),
        NestedField.OptionalField(11, "tstz", PrimitiveType.TimestampTz),
        NestedField.OptionalField(12, "s", PrimitiveType.String),
        NestedField.OptionalField(13, "u", PrimitiveType.Uuid),
        NestedField.OptionalField(14, "fx", PrimitiveType.Fixed(4)),
        NestedField.OptionalField(15, "bin", PrimitiveType.Binary),
        NestedField.OptionalField(16, "tags", new ListType(17, PrimitiveType.String, false)),
        NestedField.OptionalField(18, "props", new MapType(19, PrimitiveType.String, 20, new StructType([NestedField.OptionalField(21, "x", PrimitiveType.Int)]), false)),
    ]);

    public static readonly PartitionSpec AllTypesSpec = new(7, Enumerable.Range(1, 15)
        .Select(i => new PartitionField(i, 999 + i, AllTypesSchema.FindField(i)!.Name + "_p", IdentityTransform.Instance))
        .ToArray());

    public static StructValue SampleTuple(int n) => new(
        n % 2 == 0,
        n,
        10_000_000_000L + n,
        1.5f + n,
        -2.25 - n,
        123.45m + n,
        -1234567890123.4567m - n,
        new DateOnly(2024, 2, 29).AddDays(n),
        new TimeOnly(13, 14, 15, 123).Add(TimeSpan.FromMicroseconds(n)),
        new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified).AddTicks(10 * n),
        new DateTimeOffset(2023, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(10 * n),
        $"héllo-{n}",
        new Guid($"0f8fad5b-d9cb-469f-a165-70867728950{n % 10}"),
        new byte[] { 1, 2, 3, (byte)n },
        new byte[] { 0xFF, (byte)n });

    public static StructValue NullTuple() => new(new object?[15]);

    public static DataFile File(string path, StructValue partition, DataFileContent content = DataFileContent.Data) => new()
    {
        Content = content,
        FilePath = path,
        FileFormat = FileFormat.Parquet,
        Partition = partition,
        SpecId = 7,
        RecordCount = 100,
        FileSizeInBytes = 4096,
        ColumnSizes = new Dictionary<int, long> { [1] = 10, [12] = 200 },
        ValueCounts = new Dictionary<int, long> { [1] = 100, [12] = 100 },
        NullValueCounts = new Dictionary<int, long> { [1] = 0, [12] = 3 },
        NanValueCounts = new Dictionary<int, long> { [4] = 1, [5] = 0 },
        LowerBounds = new Dictionary<int, byte[]> { [2] = [1, 0, 0, 0], [12] = "a"u8.ToArray() },
        UpperBounds = new Dictionary<int, byte[]> { [2] = [9, 0, 0, 0], [12] = "z"u8.ToArray() },
        KeyMetadata = [7, 7],
        SplitOffsets = [4L, 1024L],
        EqualityIds = content == DataFileContent.EqualityDeletes ? [2, 3] : null,
        SortOrderId = 1,
    };

    public static void AssertSameFile(DataFile expected, DataFile actual)
    {
        Assert.Equal(expected.Content, actual.Content);
        Assert.Equal(expected.FilePath, actual.FilePath);
        Assert.Equal(expected.FileFormat, actual.FileFormat);
        Assert.Equal(expected.Partition.Count, actual.Partition.Count);
        for (var i = 0; i < expected.Partition.Count; i++)
        {
            Assert.True(ValueEquality.AreEqual(expected.Partition[i], actual.Partition[i]), $"partition[{i}]: expected {Show(expected.Partition[i])}, got {Show(actual.Partition[i])}");
            Assert.Equal(expected.Partition[i]?.GetType(), actual.Partition[i]?.GetType());
        }

        Assert.Equal(expected.RecordCount, actual.RecordCount);
        Assert.Equal(expected.FileSizeInBytes, actual.FileSizeInBytes);
        AssertMap(expected.ColumnSizes, actual.ColumnSizes);
        AssertMap(expected.ValueCounts, actual.ValueCounts);
        AssertMap(expected.NullValueCounts, actual.NullValueCounts);
        AssertMap(expected.NanValueCounts, actual.NanValueCounts);
        AssertMap(expected.LowerBounds, actual.LowerBounds);
        AssertMap(expected.UpperBounds, actual.UpperBounds);
        Assert.Equal(expected.KeyMetadata, actual.KeyMetadata);
        Assert.Equal(expected.SplitOffsets, actual.SplitOffsets);
        Assert.Equal(expected.EqualityIds, actual.EqualityIds);
        Assert.Equal(expected.SortOrderId, actual.SortOrderId);
    }

    private static void AssertMap<T>(IReadOnlyDictionary<int, T>? expected, IReadOnlyDictionary<int, T>? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (k, v) in expected)
        {
            Assert.True(ValueEquality.AreEqual(v, actual[k]), $"map key {k}");
        }
    }

    private static string Show(object? v) => v is byte[] b ? Convert.ToHexString(b) : v?.ToString() ?? "null";
}
