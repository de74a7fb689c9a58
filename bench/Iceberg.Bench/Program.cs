using System.CommandLine;
using System.Globalization;
using OrleansMaestro.Iceberg.Bench;

// Prints the figures recorded in bench/RESULTS.md. Absolute numbers depend on the machine; compare the ratios.
var rows = new Option<int>("--rows") { Description = "Rows written and read.", DefaultValueFactory = _ => 1_000_000 };
var snapshots = new Option<int>("--snapshots") { Description = "Snapshots in the planning table's history.", DefaultValueFactory = _ => 10_000 };
var warehouseOption = new Option<string?>("--warehouse") { Description = "Folder for the catalog and tables (default: a temp folder, deleted after)." };
var root = new RootCommand("Iceberg library benchmark: write/read throughput against DuckDB, and scan planning on a long history.")
{
    rows, snapshots, warehouseOption,
};
root.SetAction(async (result, cancellationToken) =>
{
    var rowCount = result.GetValue(rows);
    var snapshotCount = result.GetValue(snapshots);
    if (rowCount < 1 || snapshotCount < 1)
    {
        Console.Error.WriteLine("error: --rows and --snapshots must be positive.");
        return 2;
    }

    await using var warehouse = await BenchWarehouse.OpenAsync(result.GetValue(warehouseOption));
    Console.WriteLine($"== throughput, {rowCount:N0} rows (id long, ts timestamptz, category string, amount double)");
    var measurements = await ThroughputBench.RunAsync(warehouse, rowCount, cancellationToken);
    foreach (var m in measurements)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Name,-40} {m.Elapsed.TotalSeconds,8:F2} s {m.RowsPerSecond,14:N0} rows/s"));
    }

    double Rate(string prefix) => measurements.First(m => m.Name.StartsWith(prefix, StringComparison.Ordinal)).RowsPerSecond;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio write, library / duckdb:           {Rate("library: write") / Rate("duckdb: write"):F2}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio read all columns, library / duckdb: {Rate("library: scan") / Rate("duckdb: read"):F2}"));

    Console.WriteLine($"== planning, history of {snapshotCount:N0} snapshots");
    foreach (var (name, ms, files) in await PlanningBench.RunAsync(warehouse, snapshotCount, cancellationToken))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {ms,10:F1} ms {files,8} files"));
    }

    return 0;
});
return await root.Parse(args).InvokeAsync();
