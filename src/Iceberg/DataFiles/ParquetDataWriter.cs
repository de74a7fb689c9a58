using System.Buffers.Binary;
using OrleansMaestro.Iceberg.Spec;
using Parquet;
using FileMetaData = Parquet.Meta.FileMetaData;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// Streams rows of an Iceberg <see cref="Schema"/> (each row an <c>object?[]</c> aligned with the top-level fields) into
/// a Parquet file, one row group per <see cref="ParquetWriteOptions.RowGroupSize"/> rows, with Iceberg field ids on
/// every schema element, and returns the file's Iceberg metrics as a <see cref="DataFile"/>.
/// </summary>
public sealed class ParquetDataWriter : IAsyncDisposable
{
    private readonly WritePlan _plan;
    private readonly ParquetWriteOptions _options;
    private readonly FooterCaptureStream _output;
    private readonly ParquetWriter _writer;
    private int _bufferedRows;
    private bool _completed;

    private ParquetDataWriter(WritePlan plan, ParquetWriteOptions options, FooterCaptureStream output, ParquetWriter writer)
    {
        _plan = plan;
        _options = options;
        _output = output;
        _writer = writer;
    }

    public Schema Schema => _plan.Schema;

    /// <summary>Rows accepted so far.</summary>
    public long RowCount { get; private set; }

    public static async Task<ParquetDataWriter> CreateAsync(Schema schema, Stream output, ParquetWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(output);
        options ??= ParquetWriteOptions.Default;
        if (options.RowGroupSize < 1)
        {
            throw new ArgumentException("RowGroupSize must be positive.", nameof(options));
        }

        var plan = WritePlan.Create(schema);
        var capture = new FooterCaptureStream(output);
        var parquetOptions = new ParquetOptions { CompressionMethod = options.Compression };
        var writer = await ParquetWriter.CreateAsync(plan.ParquetSchema, capture, parquetOptions, append: false, cancellationToken);
        // Iceberg Java writes the file's schema under this key; readers such as icebird use it to map renamed columns by id.
        writer.CustomMetadata = new Dictionary<string, string> { ["iceberg.schema"] = SchemaParser.ToJson(schema) };
        return new ParquetDataWriter(plan, options, capture, writer);
    }

    /// <summary>Writes a whole file in one call.</summary>
    public static async Task<DataFile> WriteAsync(
        Schema schema,
        IEnumerable<object?[]> rows,
        Stream output,
        string filePath,
        StructValue? partition = null,
        ParquetWriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        await using var writer = await CreateAsync(schema, output, options, cancellationToken);
        await writer.WriteAsync(rows, cancellationToken);
        return await writer.CompleteAsync(filePath, partition, cancellationToken);
    }

    public async Task WriteAsync(IEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            await WriteAsync(row, cancellationToken);
        }
    }

    public ValueTask WriteAsync(object?[] row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ObjectDisposedException.ThrowIf(_completed, this);
        var fields = _plan.Schema.Fields;
        if (row.Length != fields.Count)
        {
            throw new ArgumentException($"Row {RowCount} has {row.Length} values but the schema has {fields.Count} columns.", nameof(row));
        }

        for (var i = 0; i < row.Length; i++)
        {
            Shred(_plan.Roots[i], row[i], def: 0, rep: 0);
        }

        RowCount++;
        _bufferedRows++;
        return _bufferedRows >= _options.RowGroupSize ? new ValueTask(FlushRowGroupAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    /// <summary>Flushes the last row group, writes the footer and returns the file's metrics.</summary>
    public Task<DataFile> CompleteAsync(string filePath, StructValue? partition = null, CancellationToken cancellationToken = default) =>
        CompleteAsync(filePath, partition, DataFileContent.Data, equalityIds: null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            // Abandoned writer: still close Parquet.Net's writer so it releases its buffers; the output is not a useful file.
            _completed = true;
            await _writer.DisposeAsync();
        }
    }

    internal async Task<DataFile> CompleteAsync(string filePath, StructValue? partition, DataFileContent content, IReadOnlyList<int>? equalityIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_bufferedRows > 0 || RowCount == 0)
        {
            await FlushRowGroupAsync(cancellationToken);
        }

        _completed = true;
        _output.StartCapture();
        await _writer.DisposeAsync();
        var tail = _output.TakeCaptured();
        var metadata = await WritePatchedFooterAsync(tail, cancellationToken);
        return BuildDataFile(filePath, partition ?? new StructValue(), content, equalityIds, metadata);
    }

    private void Shred(WriteNode node, object? value, int def, int rep)
    {
        if (value is null)
        {
            if (node.Field.Required)
            {
                throw new ArgumentException($"Column '{node.ColumnName}' is required but row {RowCount} has a null.");
            }

            foreach (var leaf in node.Leaves)
            {
                _plan.Leaves[leaf].AddNull(rep, def);
            }

            return;
        }

        switch (node.Field.Type)
        {
            case PrimitiveType:
                _plan.Leaves[node.LeafIndex].AddValue(rep, def + (node.ParquetOptional ? 1 : 0), value);
                break;
            case StructType:
                {
                    var sv = value as StructValue ?? throw new ArgumentException($"Column '{node.ColumnName}' expects a StructValue, row {RowCount} has {value.GetType().Name}.");
                    if (sv.Count != node.Children.Count)
                    {
                        throw new ArgumentException($"Column '{node.ColumnName}' has {node.Children.Count} fields but row {RowCount} has a struct of {sv.Count}.");
                    }

                    for (var i = 0; i < node.Children.Count; i++)
                    {
                        Shred(node.Children[i], sv[i], def + 1, rep);
                    }

                    break;
                }

            case ListType:
                {
                    var list = value as IReadOnlyList<object?> ?? throw new ArgumentException($"Column '{node.ColumnName}' expects a list, row {RowCount} has {value.GetType().Name}.");
                    if (list.Count == 0)
                    {
                        AddEmpty(node, def + 1, rep);
                        break;
                    }

                    for (var i = 0; i < list.Count; i++)
                    {
                        Shred(node.Children[0], list[i], def + 2, i == 0 ? rep : node.RepeatedLevel);
                    }

                    break;
                }

            case MapType:
                {
                    var map = value as IReadOnlyList<KeyValuePair<object, object?>> ?? throw new ArgumentException($"Column '{node.ColumnName}' expects a list of key/value pairs, row {RowCount} has {value.GetType().Name}.");
                    if (map.Count == 0)
                    {
                        AddEmpty(node, def + 1, rep);
                        break;
                    }

                    for (var i = 0; i < map.Count; i++)
                    {
                        var r = i == 0 ? rep : node.RepeatedLevel;
                        Shred(node.Children[0], map[i].Key, def + 2, r);
                        Shred(node.Children[1], map[i].Value, def + 2, r);
                    }

                    break;
                }
        }
    }

    private void AddEmpty(WriteNode node, int def, int rep)
    {
        // An empty list/map is one entry per leaf at the "present but no elements" level; it is not a null value.
        foreach (var leaf in node.Leaves)
        {
            _plan.Leaves[leaf].AddNull(rep, def);
        }
    }

    private async Task FlushRowGroupAsync(CancellationToken cancellationToken)
    {
        using (var rowGroup = _writer.CreateRowGroup())
        {
            foreach (var leaf in _plan.Leaves)
            {
                await leaf.FlushAsync(rowGroup, cancellationToken);
            }

            rowGroup.CompleteValidate();
        }

        _bufferedRows = 0;
    }

    private async Task<FileMetaData> WritePatchedFooterAsync(byte[] tail, CancellationToken cancellationToken)
    {
        // tail = footer (thrift) + 4-byte little-endian footer length + "PAR1".
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail.AsSpan(tail.Length - 8, 4));
        var footer = tail.AsSpan(tail.Length - 8 - footerLength, footerLength).ToArray();
        var prefix = tail.AsSpan(0, tail.Length - 8 - footerLength).ToArray();
        var metadata = ThriftCodec.Read<FileMetaData>(footer);
        PatchSchema(metadata);
        var patched = ThriftCodec.Write(metadata);
        var end = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(end, patched.Length);
        "PAR1"u8.CopyTo(end.AsSpan(4));
        await _output.WriteThroughAsync(prefix, cancellationToken);
        await _output.WriteThroughAsync(patched, cancellationToken);
        await _output.WriteThroughAsync(end, cancellationToken);
        return metadata;
    }

    private void PatchSchema(FileMetaData metadata)
    {
        // Element 0 is the root; the rest are depth-first in the same order the plan recorded its patches.
        var elements = metadata.Schema;
        if (elements.Count - 1 != _plan.Patches.Count)
        {
            throw new InvalidOperationException($"Parquet.Net wrote {elements.Count - 1} schema elements, expected {_plan.Patches.Count}.");
        }

        for (var i = 0; i < _plan.Patches.Count; i++)
        {
            var patch = _plan.Patches[i];
            var element = elements[i + 1];
            if (element.Name != patch.Name)
            {
                throw new InvalidOperationException($"Parquet schema element {i + 1} is '{element.Name}', expected '{patch.Name}'.");
            }

            element.FieldId = patch.FieldId;
            if (patch.IsTime && element.LogicalType?.TIME is { } time)
            {
                time.IsAdjustedToUTC = false;
            }
        }
    }

    private DataFile BuildDataFile(string filePath, StructValue partition, DataFileContent content, IReadOnlyList<int>? equalityIds, FileMetaData metadata)
    {
        var columnSizes = new Dictionary<int, long>();
        var splitOffsets = new List<long>();
        foreach (var rowGroup in metadata.RowGroups)
        {
            for (var c = 0; c < rowGroup.Columns.Count && c < _plan.Leaves.Count; c++)
            {
                var id = _plan.Leaves[c].FieldId;
                columnSizes[id] = columnSizes.GetValueOrDefault(id) + (rowGroup.Columns[c].MetaData?.TotalCompressedSize ?? 0);
            }

            if (rowGroup.NumRows > 0 && rowGroup.Columns.Count > 0 && rowGroup.Columns[0].MetaData is not null)
            {
                var first = rowGroup.Columns[0].MetaData!;
                splitOffsets.Add(rowGroup.FileOffset ?? Math.Min(first.DictionaryPageOffset ?? long.MaxValue, first.DataPageOffset));
            }
        }

        var valueCounts = new Dictionary<int, long>();
        var nullCounts = new Dictionary<int, long>();
        var nanCounts = new Dictionary<int, long>();
        var lower = new Dictionary<int, byte[]>();
        var upper = new Dictionary<int, byte[]>();
        foreach (var leaf in _plan.Leaves)
        {
            valueCounts[leaf.FieldId] = leaf.ValueCount;
            nullCounts[leaf.FieldId] = leaf.NullCount;
            if (leaf.Type.TypeId is TypeId.Float or TypeId.Double)
            {
                nanCounts[leaf.FieldId] = leaf.NanCount;
            }

            if (leaf.Lower is not null && leaf.Upper is not null)
            {
                lower[leaf.FieldId] = Conversions.ToBytes(leaf.Type, leaf.Lower);
                upper[leaf.FieldId] = Conversions.ToBytes(leaf.Type, leaf.Upper);
            }
        }

        return new DataFile
        {
            Content = content,
            FilePath = filePath,
            FileFormat = FileFormat.Parquet,
            Partition = partition,
            RecordCount = RowCount,
            FileSizeInBytes = _output.PassedThrough,
            ColumnSizes = columnSizes,
            ValueCounts = valueCounts,
            NullValueCounts = nullCounts,
            NanValueCounts = nanCounts,
            LowerBounds = lower,
            UpperBounds = upper,
            SplitOffsets = splitOffsets,
            EqualityIds = equalityIds,
        };
    }
}
