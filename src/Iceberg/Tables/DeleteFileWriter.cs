using OrleansMaestro.Iceberg.DataFiles;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// Writes position and equality delete files into a table's data folder, the row-level deletes that Spark and
/// Iceberg Java produce. Like <see cref="TableWriter"/>, the files only count once a <see cref="RowDelta"/> commits them.
/// </summary>
public sealed class DeleteFileWriter
{
    private readonly Table _table;

    internal DeleteFileWriter(Table table)
    {
        _table = table;
    }

    /// <summary>Deletes rows of <paramref name="dataFile"/> by position (0-based row index in the file), in the file's partition.</summary>
    public async Task<DataFile> WritePositionDeletesAsync(DataFile dataFile, IEnumerable<long> positions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataFile);
        ArgumentNullException.ThrowIfNull(positions);
        var deletes = positions.Select(p => p >= 0 && p < dataFile.RecordCount
            ? (dataFile.FilePath, p)
            : throw new ArgumentOutOfRangeException(nameof(positions), p, $"{dataFile.FilePath} has {dataFile.RecordCount} rows."));
        var spec = _table.Metadata.SpecById(dataFile.SpecId);
        var location = Location(spec, dataFile.Partition);
        var file = await DataFileIO.WriteParquetAsync(_table.IO, location,
            buffer => PositionDeleteWriter.WriteAsync(deletes, buffer, location, dataFile.Partition, cancellationToken: cancellationToken), cancellationToken);
        return file with { SpecId = spec.SpecId };
    }

    /// <summary>
    /// Deletes every row (written before this delete commits) whose columns <paramref name="equalityFieldIds"/> equal one of
    /// <paramref name="keys"/> (each key holds those columns' values in that order). On a partitioned table the deletes
    /// apply within <paramref name="partition"/> of the default spec only, as the spec says.
    /// </summary>
    public async Task<DataFile> WriteEqualityDeletesAsync(
        IReadOnlyList<int> equalityFieldIds, IEnumerable<object?[]> keys, StructValue? partition = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(equalityFieldIds);
        ArgumentNullException.ThrowIfNull(keys);
        var spec = _table.Spec;
        if (!spec.IsUnpartitioned && partition is null)
        {
            throw new ArgumentException($"Table {_table.Identifier} is partitioned: equality deletes need the partition they apply to.", nameof(partition));
        }

        partition ??= new StructValue();
        var fields = equalityFieldIds
            .Select(id => _table.Schema.FindField(id) ?? throw new ArgumentException($"Column id {id} is not in table {_table.Identifier}.", nameof(equalityFieldIds)))
            .ToArray();
        var deleteSchema = new Schema(_table.Schema.SchemaId, fields);
        var location = Location(spec, partition);
        var file = await DataFileIO.WriteParquetAsync(_table.IO, location,
            buffer => EqualityDeleteWriter.WriteAsync(deleteSchema, equalityFieldIds, keys, buffer, location, partition, cancellationToken: cancellationToken), cancellationToken);
        return file with { SpecId = spec.SpecId };
    }

    private string Location(PartitionSpec spec, StructValue partition) =>
        TableLocations.DataFile(_table.Location, PartitionPath.For(spec, partition), $"{Guid.NewGuid():N}-deletes.parquet");
}
