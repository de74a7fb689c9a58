using DuckDB.NET.Data;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Iceberg.Bench;

/// <summary>
/// Writes N rows through the table writer (Parquet + manifests + one commit) and reads them back through a scan, then
/// has DuckDB write and read the same amount of Parquet in the same process: the ratios are what to compare across runs.
/// </summary>
internal static class ThroughputBench
{
    private static readonly Schema Events = new(0,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Long),
        NestedField.RequiredField(2, "ts", PrimitiveType.TimestampTz),
        NestedField.OptionalField(3, "category", PrimitiveType.String),
        NestedField.OptionalField(4, "amount", PrimitiveType.Double),
    ]);

    public static async Task<IReadOnlyList<Measurement>> RunAsync(BenchWarehouse warehouse, int rowCount, CancellationToken cancellationToken)
    {
        await warehouse.Catalog.EnsureNamespaceAsync(new Namespace(["bench"]), cancellationToken);
        var table = await warehouse.Catalog.CreateTableAsync(TableIdentifier.Parse("bench.events"), Events, cancellationToken: cancellationToken);
        var rows = Rows(rowCount);
        var expectedSum = rows.Sum(r => (double?)r[3] ?? 0);

        var (write, written) = await Measurement.TimeAsync("library: write + commit", async () =>
        {
            var files = await new TableWriter(table) { TargetRowsPerFile = 250_000 }.WriteAsync(rows, cancellationToken);
            var committed = await table.NewAppend().AppendFileRange(files).CommitAsync(cancellationToken);
            return ((long)rowCount, committed);
        });

        var (read, sum) = await Measurement.TimeAsync("library: scan + read all columns", async () =>
        {
            long count = 0;
            double total = 0;
            await foreach (var row in written.NewScan().ReadRowsAsync(cancellationToken))
            {
                count++;
                total += (double?)row[3] ?? 0;
            }

            return (count, total);
        });
        Check(read.Rows == rowCount && Math.Abs(sum - expectedSum) < 1e-3 * Math.Max(1, Math.Abs(expectedSum)), $"the scan read {read.Rows} rows, sum {sum}; expected {rowCount}, {expectedSum}");

        var files = (await written.NewScan().PlanFilesAsync(cancellationToken)).Select(t => t.File.FilePath).ToArray();
        var list = string.Join(", ", files.Select(f => $"'{f.Replace("'", "''", StringComparison.Ordinal)}'"));
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync(cancellationToken);

        var duckOut = Path.Combine(warehouse.Folder, "duckdb-write.parquet");
        var (duckWrite, _) = await Measurement.TimeAsync("duckdb: write parquet", async () =>
        {
            await ExecuteAsync(duck, $"COPY (SELECT i AS id, TIMESTAMPTZ '2026-01-01 00:00:00+00' + i * INTERVAL 1 SECOND AS ts, " +
                $"'cat-' || (i % 16) AS category, CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.5 END AS amount FROM range({rowCount}) t(i)) " +
                $"TO '{duckOut}' (FORMAT parquet)", cancellationToken);
            return ((long)rowCount, 0);
        });

        var (duckRead, duckRows) = await Measurement.TimeAsync("duckdb: read all columns (same files)", async () =>
        {
            await using var command = duck.CreateCommand();
            command.CommandText = $"SELECT * FROM read_parquet([{list}])";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long count = 0;
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(cancellationToken))
            {
                reader.GetValues(values);
                count++;
            }

            return (count, count);
        });
        Check(duckRows == rowCount, $"DuckDB read {duckRows} rows of our files; expected {rowCount}");

        var (duckAggregate, duckSum) = await Measurement.TimeAsync("duckdb: sum(amount) (same files)", async () =>
        {
            await using var command = duck.CreateCommand();
            command.CommandText = $"SELECT sum(amount) FROM read_parquet([{list}])";
            var total = Convert.ToDouble(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return ((long)rowCount, total);
        });
        Check(Math.Abs(duckSum - expectedSum) < 1e-3 * Math.Max(1, Math.Abs(expectedSum)), $"DuckDB sums {duckSum}; expected {expectedSum}");

        return [write, duckWrite, read, duckRead, duckAggregate];
    }

    private static object?[][] Rows(int count)
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var categories = Enumerable.Range(0, 16).Select(i => $"cat-{i}").ToArray();
        return Enumerable.Range(0, count)
            .Select(i => new object?[] { (long)i, t0.AddSeconds(i), categories[i % 16], i % 7 == 0 ? null : i * 0.5 })
            .ToArray();
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark result is wrong: " + message);
        }
    }
}
