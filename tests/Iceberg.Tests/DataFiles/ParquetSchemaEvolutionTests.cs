using OrleansMaestro.Iceberg.DataFiles;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.DataFiles;

public class ParquetSchemaEvolutionTests
{
    private static readonly Schema Written = new(0,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Int),
        NestedField.OptionalField(2, "name", PrimitiveType.String),
        NestedField.OptionalField(3, "score", PrimitiveType.Float),
        NestedField.OptionalField(4, "amount", PrimitiveType.Decimal(9, 2)),
    ]);

    [Fact]
    public async Task RenamedAddedAndPromotedColumnsReadByFieldId()
    {
        var (bytes, _) = await ParquetRoundTripTests.WriteAsync(Written, [[1, "a", 1.5f, 1.25m], [2, null, null, null]]);
        var table = new Schema(1,
        [
            NestedField.RequiredField(1, "id", PrimitiveType.Long),
            NestedField.OptionalField(5, "added", PrimitiveType.String),
            NestedField.OptionalField(2, "full_name", PrimitiveType.String),
            NestedField.OptionalField(3, "score", PrimitiveType.Double),
            NestedField.OptionalField(4, "amount", PrimitiveType.Decimal(18, 2)),
        ]);

        var rows = await ParquetDataReader.ReadAsync(bytes, table);

        Assert.Equal(new object?[] { 1L, null, "a", 1.5d, 1.25m }, rows[0]);
        Assert.Equal(new object?[] { 2L, null, null, null, null }, rows[1]);
    }

    [Fact]
    public async Task NameIsNotUsedWhenTheFileHasIds()
    {
        var (bytes, _) = await ParquetRoundTripTests.WriteAsync(Written, [[1, "a", 1.5f, 1.25m]]);
        // A new column that reuses a dropped column's name must not pick up the old data.
        var table = new Schema(1, [NestedField.OptionalField(9, "name", PrimitiveType.String)]);

        var rows = await ParquetDataReader.ReadAsync(bytes, table);

        Assert.Null(rows[0][0]);
    }

    [Fact]
    public async Task FilesWithoutIdsFallBackToNames()
    {
        // Written by Parquet.Net directly, without field ids, like a file from an engine that does not write them.
        var ms = new MemoryStream();
        var idField = new Parquet.Schema.DataField<int>("id");
        var nameField = new Parquet.Schema.DataField<string>("name");
        await using (var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(idField, nameField), ms))
        {
            using var rg = writer.CreateRowGroup();
            await rg.WriteAllPartsAsync<int>(idField, new[] { 7 }, null, null, default);
            await rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(nameField, new[] { "x".AsMemory() }, new[] { 1 }, null, default);
        }

        var table = new Schema(0, [NestedField.OptionalField(10, "name", PrimitiveType.String), NestedField.RequiredField(11, "id", PrimitiveType.Long)]);
        var rows = await ParquetDataReader.ReadAsync(ms.ToArray(), table);

        Assert.Equal(new object?[] { "x", 7L }, rows[0]);
    }

    [Fact]
    public async Task FilesWithoutIdsReadThroughTheNameMappingAndMissingColumnValues()
    {
        // An imported file: no field ids, a column and a struct field under names the table has since renamed.
        var ms = new MemoryStream();
        var idField = new Parquet.Schema.DataField<int>("id");
        var nameField = new Parquet.Schema.DataField<string>("nm");
        var cityField = new Parquet.Schema.DataField<string>("city");
        var addressField = new Parquet.Schema.StructField("addr", cityField);
        await using (var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(idField, nameField, addressField), ms))
        {
            using var rg = writer.CreateRowGroup();
            await rg.WriteAllPartsAsync<int>(idField, new[] { 7, 8 }, null, null, default);
            await rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(nameField, new[] { "x".AsMemory() }, new[] { 1, 0 }, null, default);
            await rg.WriteAllPartsAsync<ReadOnlyMemory<char>>(cityField, new[] { "Paris".AsMemory() }, new[] { 2, 0 }, null, default);
        }

        var table = new Schema(0,
        [
            NestedField.RequiredField(1, "id", PrimitiveType.Long),
            NestedField.OptionalField(2, "name", PrimitiveType.String),
            NestedField.OptionalField(3, "address", new StructType([NestedField.OptionalField(4, "town", PrimitiveType.String)])),
            NestedField.OptionalField(5, "category", PrimitiveType.String),
            NestedField.OptionalField(6, "nm", PrimitiveType.String),
        ]);
        var mapping = NameMapping.Parse("""
            [ { "field-id": 1, "names": ["id"] },
              { "field-id": 2, "names": ["nm", "name"] },
              { "field-id": 3, "names": ["addr", "address"], "fields": [ { "field-id": 4, "names": ["city", "town"] } ] },
              { "names": ["legacy"] } ]
            """);
        var options = new ParquetReadOptions { NameMapping = mapping, MissingColumnValues = new Dictionary<int, object?> { [5] = "c" } };

        var rows = new List<object?[]>();
        await foreach (var batch in ParquetDataReader.ReadBatchesAsync(new MemoryStream(ms.ToArray()), table, options))
        {
            rows.AddRange(batch.Rows);
        }

        // Field 6 is called "nm" now, but the mapping gives that file name to field 2: with a mapping, names it does not
        // list for a field do not match it.
        Assert.Equal(new object?[] { 7L, "x", new StructValue("Paris"), "c", null }, rows[0]);
        Assert.Equal(new object?[] { 8L, null, null, "c", null }, rows[1]);
    }

    [Fact]
    public async Task NestedStructListAndMapRoundTrip()
    {
        var address = new StructType([NestedField.OptionalField(11, "city", PrimitiveType.String), NestedField.RequiredField(12, "zip", PrimitiveType.Int)]);
        var point = new StructType([NestedField.OptionalField(17, "label", PrimitiveType.String), NestedField.RequiredField(18, "n", PrimitiveType.Int)]);
        var schema = new Schema(0,
        [
            NestedField.RequiredField(1, "id", PrimitiveType.Int),
            NestedField.OptionalField(2, "address", address),
            NestedField.OptionalField(3, "tags", new ListType(13, PrimitiveType.String, ElementRequired: false)),
            NestedField.OptionalField(4, "attrs", new MapType(14, PrimitiveType.String, 15, PrimitiveType.Long, ValueRequired: false)),
            NestedField.OptionalField(5, "points", new ListType(16, point, ElementRequired: true)),
        ]);
        var rows = new List<object?[]>
        {
            new object?[] { 1, new StructValue("Paris", 75000), new List<object?> { "a", null, "b" }, new List<KeyValuePair<object, object?>> { new("k", 1L), new("n", null) }, new List<object?> { new StructValue(null, 1), new StructValue("x", 2) } },
            new object?[] { 2, null, null, null, null },
            new object?[] { 3, new StructValue(null, 0), new List<object?>(), new List<KeyValuePair<object, object?>>(), new List<object?>() },
        };

        var (bytes, file) = await ParquetRoundTripTests.WriteAsync(schema, rows);
        var read = await ParquetDataReader.ReadAsync(bytes, schema);

        Assert.Equal(3, read.Count);
        Assert.Equal(rows[0][1], read[0][1]);
        Assert.Equal((IEnumerable<object?>)rows[0][2]!, (IEnumerable<object?>)read[0][2]!);
        Assert.Equal((IEnumerable<KeyValuePair<object, object?>>)rows[0][3]!, (IEnumerable<KeyValuePair<object, object?>>)read[0][3]!);
        Assert.Equal((IEnumerable<object?>)rows[0][4]!, (IEnumerable<object?>)read[0][4]!);
        Assert.Equal(new object?[] { 2, null, null, null, null }, read[1]);
        Assert.Equal(new StructValue(null, 0), read[2][1]);
        Assert.Empty((IEnumerable<object?>)read[2][2]!);
        Assert.Empty((IEnumerable<KeyValuePair<object, object?>>)read[2][3]!);
        Assert.Empty((IEnumerable<object?>)read[2][4]!);
        Assert.Equal(3, file.ValueCounts![11]);
        // Like Parquet's own null_count: a null element, a null list and an empty list each leave an undefined leaf entry.
        Assert.Equal(3, file.NullValueCounts![13]);

        // Group nodes carry their field ids too (patched into the footer).
        await using var reader = await Parquet.ParquetReader.CreateAsync(new MemoryStream(bytes));
        var ids = reader.Metadata!.Schema.Where(e => e.FieldId is not null).Select(e => e.FieldId!.Value).Order().ToArray();
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 16, 17, 18 }, ids);

        // Projection of a nested field by id, after a rename of the struct field.
        var projected = new Schema(1, [NestedField.OptionalField(2, "addr", new StructType([NestedField.RequiredField(12, "postcode", PrimitiveType.Long)]))]);
        var p = await ParquetDataReader.ReadAsync(bytes, projected);
        Assert.Equal(new StructValue(75000L), p[0][0]);
        Assert.Null(p[1][0]);
    }
}
