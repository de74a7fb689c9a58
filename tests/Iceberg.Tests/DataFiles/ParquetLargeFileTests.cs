using DuckDB.NET.Data;
using OrleansMaestro.Iceberg.DataFiles;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.DataFiles;

public class ParquetLargeFileTests
{
    [Fact]
    public async Task TwoHundredThousandRowsGoInSeveralRowGroups()
    {
        var schema = new Schema(0, [NestedField.RequiredField(1, "id", PrimitiveType.Long), NestedField.OptionalField(2, "s", PrimitiveType.String)]);
        const int n = 200_000;
        var rows = Enumerable.Range(0, n).Select(i => new object?[] { (long)i, i % 10 == 0 ? null : "v" + i });

        var (bytes, file) = await ParquetRoundTripTests.WriteAsync(schema, rows, new ParquetWriteOptions { RowGroupSize = 64 * 1024 });

        Assert.Equal(n, file.RecordCount);
        Assert.Equal(4, file.SplitOffsets!.Count);
        Assert.Equal(n / 10, file.NullValueCounts![2]);
        Assert.Equal(0L, Conversions.FromBytes(PrimitiveType.Long, file.LowerBounds![1]));
        Assert.Equal(n - 1L, Conversions.FromBytes(PrimitiveType.Long, file.UpperBounds![1]));

        long expectedPosition = 0;
        var batches = 0;
        await foreach (var batch in ParquetDataReader.ReadBatchesAsync(new MemoryStream(bytes), schema))
        {
            Assert.Equal(expectedPosition, batch.FirstRowPosition);
            for (var i = 0; i < batch.Rows.Count; i++)
            {
                Assert.Equal(batch.FirstRowPosition + i, batch.Rows[i][0]);
            }

            expectedPosition += batch.Rows.Count;
            batches++;
        }

        Assert.Equal(n, expectedPosition);
        Assert.Equal(4, batches);
    }

    [Fact]
    public async Task DuckDbReadsTheSameValues()
    {
        var (bytes, _) = await ParquetRoundTripTests.WriteAsync(ParquetRoundTripTests.AllTypes, ParquetRoundTripTests.AllTypesRows());
        var path = Path.Combine(Path.GetTempPath(), $"iceberg-duckdb-{Guid.NewGuid():N}.parquet");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT id, l, dec9::VARCHAR, dec38::VARCHAR, date::VARCHAR, time::VARCHAR, ts::VARCHAR, epoch_us(tstz), s, u::VARCHAR, bin, field_id FROM read_parquet('{path}') , (SELECT field_id FROM parquet_schema('{path}') WHERE name = 'tstz') ORDER BY id";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(1, reader.GetInt32(0));
            Assert.Equal(long.MaxValue, reader.GetInt64(1));
            Assert.Equal("9999999.99", reader.GetString(2));
            Assert.Equal("7922816251.4264337593", reader.GetString(3));
            Assert.Equal("0001-01-01", reader.GetString(4));
            Assert.Equal("23:59:59.999999", reader.GetString(5));
            Assert.Equal("2024-05-06 07:08:09.123456", reader.GetString(6));
            Assert.Equal(Conversions.ToEpochMicros(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero)) + 1, reader.GetInt64(7));
            Assert.Equal("héllo", reader.GetString(8));
            Assert.Equal("00112233-4455-6677-8899-aabbccddeeff", reader.GetString(9));
            Assert.Equal(12, reader.GetInt32(11));
            Assert.True(reader.Read());
            Assert.True(reader.IsDBNull(1));
            Assert.True(reader.IsDBNull(8));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
