using OrleansMaestro.Iceberg.DataFiles;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.DataFiles;

public class DeleteFileTests
{
    [Fact]
    public async Task PositionDeletesRoundTripSorted()
    {
        var ms = new MemoryStream();
        var file = await PositionDeleteWriter.WriteAsync([("s3://b/f2.parquet", 5), ("s3://b/f1.parquet", 9), ("s3://b/f1.parquet", 2)], ms, "mem://pd.parquet");

        Assert.Equal(DataFileContent.PositionDeletes, file.Content);
        Assert.Equal(3, file.RecordCount);
        Assert.Equal("s3://b/f1.parquet", Conversions.FromBytes(PrimitiveType.String, file.LowerBounds![PositionDeleteWriter.FilePathFieldId]));

        var rows = await ParquetDataReader.ReadAsync(ms.ToArray(), PositionDeleteWriter.Schema);
        Assert.Equal(new object?[] { "s3://b/f1.parquet", 2L }, rows[0]);
        Assert.Equal(new object?[] { "s3://b/f1.parquet", 9L }, rows[1]);
        Assert.Equal(new object?[] { "s3://b/f2.parquet", 5L }, rows[2]);

        var deletes = await PositionDeleteReader.ReadAsync(ms.ToArray());
        Assert.Equal(new long[] { 2, 9 }, deletes["s3://b/f1.parquet"].Order());
        Assert.Equal(new long[] { 5 }, deletes["s3://b/f2.parquet"]);
    }

    [Fact]
    public async Task EqualityDeletesRoundTrip()
    {
        var table = new Schema(0,
        [
            NestedField.RequiredField(1, "id", PrimitiveType.Long),
            NestedField.OptionalField(2, "region", PrimitiveType.String),
            NestedField.OptionalField(3, "value", PrimitiveType.Double),
        ]);
        var deleteSchema = new Schema(0, [table.Fields[0], table.Fields[1]]);
        var ms = new MemoryStream();
        var file = await EqualityDeleteWriter.WriteAsync(deleteSchema, [1, 2], [[1L, "eu"], [2L, null]], ms, "mem://eq.parquet");

        Assert.Equal(DataFileContent.EqualityDeletes, file.Content);
        Assert.Equal(new[] { 1, 2 }, file.EqualityIds);

        var deletes = await EqualityDeleteReader.ReadAsync(ms.ToArray(), table, [1, 2]);
        Assert.Equal(new[] { 1, 2 }, deletes.FieldIds);
        Assert.Equal(2, deletes.Keys.Count);
        Assert.True(deletes.Contains(new StructValue(1L, "eu")));
        Assert.True(deletes.Contains(new StructValue(2L, null)));
        Assert.False(deletes.Contains(new StructValue(1L, "us")));
    }
}
