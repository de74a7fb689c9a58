using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// Turns rows into Parquet data files of a table: rows are grouped by partition (the table's default spec) and
/// written as one file per partition, split when a file reaches <see cref="TargetRowsPerFile"/>.
/// The files are not part of the table until an operation (e.g. <see cref="AppendFiles"/>) commits them.
/// </summary>
public sealed class TableWriter
{
    private readonly Table _table;

    internal TableWriter(Table table)
    {
        _table = table;
    }

    /// <summary>Rows per data file before a new file is started (default 1,000,000).</summary>
    public int TargetRowsPerFile { get; init; } = 1_000_000;

    /// <summary>Writes the rows (aligned with the table's current schema) and returns the data files.</summary>
    public async Task<IReadOnlyList<DataFile>> WriteAsync(IEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var schema = _table.Schema;
        var spec = _table.Spec;
        var groups = new Dictionary<StructValue, List<object?[]>>();
        var rowNumber = 0;
        foreach (var row in rows)
        {
            rowNumber++;
            if (row.Length != schema.Fields.Count)
            {
                throw new ArgumentException($"Row {rowNumber} has {row.Length} values; table {_table.Identifier} has {schema.Fields.Count} columns.");
            }

            var partition = spec.IsUnpartitioned ? new StructValue() : spec.PartitionFor(schema, id => row[schema.Struct.IndexOf(id)]);
            if (!groups.TryGetValue(partition, out var list))
            {
                groups[partition] = list = [];
            }

            list.Add(row);
        }

        var files = new List<DataFile>();
        foreach (var (partition, partitionRows) in groups)
        {
            for (var start = 0; start < partitionRows.Count; start += TargetRowsPerFile)
            {
                var chunk = partitionRows.GetRange(start, Math.Min(TargetRowsPerFile, partitionRows.Count - start));
                var location = TableLocations.DataFile(_table.Location, PartitionPath.For(spec, partition), $"{Guid.NewGuid():N}-{files.Count:D5}.parquet");
                var file = await DataFileIO.WriteDataFileAsync(_table.IO, location, schema, chunk, cancellationToken);
                files.Add(file with { Partition = partition, SpecId = spec.SpecId });
            }
        }

        return files;
    }
}
