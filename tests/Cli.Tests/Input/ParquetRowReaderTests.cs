using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Input;
using OrleansMaestro.Iceberg.Spec;
using Parquet.Serialization;

namespace OrleansMaestro.Cli.Tests.Input;

public class ParquetRowReaderTests
{
    public sealed class Record
    {
        public long Id { get; set; }

        public string? Name { get; set; }

        public DateTime Ts { get; set; }

        public decimal Price { get; set; }

        public int? Count { get; set; }
    }

    private static async Task<MemoryStream> Write(params Record[] records)
    {
        var stream = new MemoryStream();
        await ParquetSerializer.SerializeAsync(records, stream);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public async Task Reads_columns_by_name_into_the_column_types()
    {
        // Parquet.Net names columns after the properties (Id, Name, ...); the schema's names are lower case, so map them.
        var schema = new Schema(0,
        [
            NestedField.RequiredField(1, "Id", PrimitiveType.Long),
            NestedField.OptionalField(2, "Name", PrimitiveType.String),
            NestedField.OptionalField(3, "Ts", PrimitiveType.TimestampTz),
            NestedField.OptionalField(4, "Price", PrimitiveType.Decimal(9, 2)),
            NestedField.OptionalField(5, "Count", PrimitiveType.Int),
        ]);
        var ts = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        await using var stream = await Write(
            new Record { Id = 1, Name = "a", Ts = ts, Price = 1.5m, Count = 3 },
            new Record { Id = 2, Name = null, Ts = ts, Price = 2m, Count = null });
        var rows = await ParquetRowReader.ReadAsync(stream, "data.parquet", schema, CancellationToken.None);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new object?[] { 1L, "a", new DateTimeOffset(ts), 1.5m, 3 }, rows[0]);
        Assert.Null(rows[1][1]);
        Assert.Null(rows[1][4]);
    }

    [Fact]
    public async Task Unknown_columns_are_reported()
    {
        await using var stream = await Write(new Record { Id = 1 });
        var e = await Assert.ThrowsAsync<RowParseException>(() => ParquetRowReader.ReadAsync(stream, "data.parquet", TestSchemas.Events(), CancellationToken.None));
        Assert.Contains("data.parquet", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_that_do_not_fit_the_column_type_are_format_errors()
    {
        Assert.Throws<FormatException>(() => ParquetRowReader.Coerce(1.5d, PrimitiveType.Int));
        Assert.Throws<OverflowException>(() => ParquetRowReader.Coerce(long.MaxValue, PrimitiveType.Int));
        Assert.Equal(5, ParquetRowReader.Coerce((short)5, PrimitiveType.Int));
        Assert.Equal(new DateOnly(2024, 1, 2), ParquetRowReader.Coerce(new DateTime(2024, 1, 2), PrimitiveType.Date));
    }
}
