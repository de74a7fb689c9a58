using System.Globalization;
using OrleansMaestro.Iceberg.DataFiles;
using OrleansMaestro.Iceberg.IO;
using OrleansMaestro.Iceberg.Spec;
using OrleansMaestro.Iceberg.Tables;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>
/// Writes a shard's result rows as Parquet data files of the target: one open file per partition of the target's
/// spec, a new file after <see cref="SqlShardTarget.TargetRowsPerFile"/> rows. Files are written to the scratch folder
/// and uploaded through the file IO when complete, so a failed shard leaves at most completed (never partial) files,
/// which <see cref="DeleteWrittenAsync"/> removes.
/// </summary>
internal sealed class ShardDataFileWriter : IAsyncDisposable
{
    private readonly IFileIO _io;
    private readonly Schema _schema;
    private readonly PartitionSpec _spec;
    private readonly SqlShardTarget _target;
    private readonly int _shardIndex;
    private readonly string _scratch;
    private readonly Dictionary<StructValue, OpenFile> _open = [];
    private readonly List<DataFile> _written = [];
    private int _fileCounter;

    public ShardDataFileWriter(IFileIO io, Schema schema, PartitionSpec spec, SqlShardTarget target, int shardIndex, string scratch)
    {
        _io = io;
        _schema = schema;
        _spec = spec;
        _target = target;
        _shardIndex = shardIndex;
        _scratch = scratch;
    }

    public long RowCount { get; private set; }

    public async Task WriteAsync(object?[] row, CancellationToken cancellationToken)
    {
        var partition = _spec.IsUnpartitioned ? new StructValue() : _spec.PartitionFor(_schema, id => row[_schema.Struct.IndexOf(id)]);
        if (!_open.TryGetValue(partition, out var file))
        {
            file = await OpenAsync(partition, cancellationToken);
            _open[partition] = file;
        }

        try
        {
            await file.Writer.WriteAsync(row, cancellationToken);
        }
        catch (ArgumentException e)
        {
            // The writer checks required columns, decimal precision and fixed lengths; those are the query's doing.
            throw new StepFailedException($"A result row cannot be written to {_target.Table}: {e.Message}", e);
        }

        RowCount++;
        if (file.Writer.RowCount >= _target.TargetRowsPerFile)
        {
            _open.Remove(partition);
            await CompleteAsync(file, cancellationToken);
        }
    }

    /// <summary>Completes and uploads the open files; returns every file this writer produced.</summary>
    public async Task<IReadOnlyList<DataFile>> CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var file in _open.Values.ToArray())
        {
            await CompleteAsync(file, cancellationToken);
        }

        _open.Clear();
        return _written;
    }

    /// <summary>Removes the files already uploaded (the shard failed, or its result will not be committed).</summary>
    public async Task DeleteWrittenAsync()
    {
        foreach (var file in _written)
        {
            await SqlFiles.DeleteQuietlyAsync(_io, file.FilePath);
        }

        _written.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _open.Values)
        {
            await file.DisposeAsync();
        }

        _open.Clear();
    }

    private async Task<OpenFile> OpenAsync(StructValue partition, CancellationToken cancellationToken)
    {
        var counter = Interlocked.Increment(ref _fileCounter);
        var name = $"{_target.FileNamePrefix}-s{_shardIndex.ToString("D4", CultureInfo.InvariantCulture)}-{counter.ToString("D5", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.parquet";
        var folder = _spec.IsUnpartitioned ? _target.DataLocation : TableLocations.Join(_target.DataLocation, PartitionFolder(partition));
        var scratch = Path.Combine(_scratch, $"output-{counter.ToString("D5", CultureInfo.InvariantCulture)}.parquet");
        var stream = new FileStream(scratch, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
        try
        {
            var writer = await ParquetDataWriter.CreateAsync(_schema, stream, cancellationToken: cancellationToken);
            return new OpenFile(TableLocations.Join(folder, name), partition, stream, writer);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private async Task CompleteAsync(OpenFile file, CancellationToken cancellationToken)
    {
        await using (file)
        {
            var dataFile = await file.Writer.CompleteAsync(file.Location, file.Partition, cancellationToken);
            await file.Stream.FlushAsync(cancellationToken);
            file.Stream.Position = 0;
            var bytes = new byte[file.Stream.Length];
            await file.Stream.ReadExactlyAsync(bytes, cancellationToken);
            await _io.WriteAllBytesAsync(file.Location, bytes, cancellationToken);
            _written.Add(dataFile with { SpecId = _spec.SpecId });
        }
    }

    /// <summary><c>name=value/...</c> folders, as engines lay out partitions (only a naming convention: the manifests hold the values).</summary>
    private string PartitionFolder(StructValue partition) =>
        string.Join('/', _spec.Fields.Select((f, i) =>
            $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(partition[i] switch
            {
                null => "null",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "null",
            })}"));

    private sealed class OpenFile(string location, StructValue partition, FileStream stream, ParquetDataWriter writer) : IAsyncDisposable
    {
        public string Location { get; } = location;

        public StructValue Partition { get; } = partition;

        public FileStream Stream { get; } = stream;

        public ParquetDataWriter Writer { get; } = writer;

        public async ValueTask DisposeAsync()
        {
            await Writer.DisposeAsync();
            await Stream.DisposeAsync();
        }
    }
}
