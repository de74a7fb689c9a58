using System.Runtime.CompilerServices;
using OrleansMaestro.Iceberg.Spec;
using Parquet;
using Parquet.Schema;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// Reads Parquet data files into rows (<c>object?[]</c> aligned with a requested Iceberg schema), matching columns by
/// Iceberg field id, so renamed columns still read, added columns read as null, and int-&gt;long, float-&gt;double and
/// decimal widening promotions apply. Files without field ids (imported ones) are matched through the table's name
/// mapping, else by current name; columns such files lack can come from their identity partition values
/// (<see cref="ParquetReadOptions"/>). Rows come in file order: a row's index is its position, as position deletes need.
/// </summary>
public static class ParquetDataReader
{
    public static Task<IReadOnlyList<object?[]>> ReadAsync(byte[] file, Schema projection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ReadAsync(new MemoryStream(file, writable: false), projection, cancellationToken);
    }

    public static async Task<IReadOnlyList<object?[]>> ReadAsync(Stream file, Schema projection, CancellationToken cancellationToken = default)
    {
        var rows = new List<object?[]>();
        await foreach (var batch in ReadBatchesAsync(file, projection, cancellationToken))
        {
            rows.AddRange(batch.Rows);
        }

        return rows;
    }

    /// <summary>Reads one row group at a time, so large files need memory for a single row group only.</summary>
    public static IAsyncEnumerable<ParquetRowBatch> ReadBatchesAsync(Stream file, Schema projection, CancellationToken cancellationToken = default) =>
        ReadBatchesAsync(file, projection, options: null, cancellationToken);

    /// <summary>Reads one row group at a time, resolving columns not found by field id as <paramref name="options"/> say.</summary>
    public static async IAsyncEnumerable<ParquetRowBatch> ReadBatchesAsync(
        Stream file,
        Schema projection,
        ParquetReadOptions? options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(projection);
        if (!file.CanSeek)
        {
            // Parquet.Net reads the footer first, which needs random access.
            var copy = new MemoryStream();
            await file.CopyToAsync(copy, cancellationToken);
            copy.Position = 0;
            file = copy;
        }

        await using var reader = await OpenAsync(file, cancellationToken);
        var fileSchema = FileSchema.Create(reader.Metadata!.Schema);
        var dataFields = reader.Schema.GetDataFields();
        if (dataFields.Length != fileSchema.LeafCount)
        {
            throw new InvalidDataException($"Parquet schema has {fileSchema.LeafCount} leaf columns but Parquet.Net reports {dataFields.Length}.");
        }

        var match = new ColumnMatch(fileSchema.HasFieldIds, options?.NameMapping);
        var matches = projection.Fields.Select(f => fileSchema.Roots.FirstOrDefault(c => match.Matches(c, f))).ToArray();
        var missing = projection.Fields.Select(f => options?.MissingColumnValues?.GetValueOrDefault(f.Id)).ToArray();
        var below = projection.Fields.Select(f => match.Below(f.Id)).ToArray();
        var neededLeaves = matches.Where(m => m is not null).SelectMany(m => m!.Leaves).Distinct().ToArray();
        long position = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var rowGroup = reader.OpenRowGroupReader(g);
            var columns = new LeafColumn?[fileSchema.LeafCount];
            foreach (var leaf in neededLeaves)
            {
                columns[leaf] = await ReadLeafAsync(rowGroup, dataFields[leaf], cancellationToken);
            }

            var rowCount = checked((int)rowGroup.RowCount);
            var rows = new object?[rowCount][];
            for (var r = 0; r < rowCount; r++)
            {
                var row = new object?[projection.Fields.Count];
                for (var c = 0; c < row.Length; c++)
                {
                    var node = matches[c];
                    if (node is not null)
                    {
                        row[c] = Project(node, Assemble(node, columns), projection.Fields[c].Type, below[c]);
                    }
                    else
                    {
                        row[c] = missing[c];
                    }
                }

                rows[r] = row;
            }

            yield return new ParquetRowBatch(position, rows);
            position += rowCount;
        }
    }

    private static async Task<ParquetReader> OpenAsync(Stream file, CancellationToken cancellationToken)
    {
        var parquetOptions = new ParquetOptions { UseDateOnlyTypeForDates = true, TreatByteArrayAsString = false };
        var reader = await ParquetReader.CreateAsync(file, parquetOptions, leaveStreamOpen: true, cancellationToken);
        var metadata = reader.Metadata!;
        if (!metadata.Schema.Any(e => e.RepetitionType == Parquet.Meta.FieldRepetitionType.REPEATED))
        {
            return reader; // No lists or maps: nothing Parquet.Net cannot read.
        }

        var bytes = new byte[file.Length];
        file.Position = 0;
        await file.ReadExactlyAsync(bytes, cancellationToken);
        if (!DataPageV2Rewriter.IsNeeded(bytes, metadata))
        {
            return reader;
        }

        await reader.DisposeAsync();
        var rewritten = new MemoryStream(DataPageV2Rewriter.Rewrite(bytes, metadata), writable: false);
        return await ParquetReader.CreateAsync(rewritten, parquetOptions, leaveStreamOpen: false, cancellationToken);
    }

    private static object? Assemble(FileNode node, LeafColumn?[] columns)
    {
        var first = columns[node.Leaves[0]]!;
        if (node.Kind == FileNodeKind.Primitive)
        {
            return first.Consume();
        }

        if (node.Optional && first.PeekDefinition < node.Definition)
        {
            SkipOne(node, columns);
            return null;
        }

        switch (node.Kind)
        {
            case FileNodeKind.Struct:
                {
                    var values = new object?[node.Children.Count];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = Assemble(node.Children[i], columns);
                    }

                    return values;
                }

            case FileNodeKind.List:
            case FileNodeKind.Map:
                {
                    var items = new List<object?>();
                    if (first.PeekDefinition < node.RepeatedDefinition)
                    {
                        SkipOne(node, columns);
                        return items;
                    }

                    do
                    {
                        if (node.Kind == FileNodeKind.List)
                        {
                            items.Add(Assemble(node.Children[0], columns));
                        }
                        else
                        {
                            var key = Assemble(node.Children[0], columns);
                            items.Add(new KeyValuePair<object?, object?>(key, Assemble(node.Children[1], columns)));
                        }
                    }
                    while (first.HasNext && first.PeekRepetition >= node.RepeatedLevel);

                    return items;
                }

            default:
                throw new InvalidOperationException($"Unexpected node kind {node.Kind}.");
        }
    }

    private static void SkipOne(FileNode node, LeafColumn?[] columns)
    {
        // A null or empty collection above the leaves is a single level entry in every leaf below it.
        foreach (var leaf in node.Leaves)
        {
            columns[leaf]!.Consume();
        }
    }

    private static object? Project(FileNode node, object? value, IcebergType target, ColumnMatch match)
    {
        if (value is null)
        {
            return null;
        }

        switch (target)
        {
            case PrimitiveType p:
                return ParquetValueConverter.ToIceberg(value, p, node.Name);
            case StructType st:
                {
                    var fileValues = (object?[])value;
                    var result = new object?[st.Fields.Count];
                    for (var i = 0; i < st.Fields.Count; i++)
                    {
                        var idx = node.Children.FindIndex(c => match.Matches(c, st.Fields[i]));
                        if (idx >= 0)
                        {
                            result[i] = Project(node.Children[idx], fileValues[idx], st.Fields[i].Type, match.Below(st.Fields[i].Id));
                        }
                    }

                    return new StructValue(result);
                }

            case ListType lt:
                return ((List<object?>)value).Select(v => Project(node.Children[0], v, lt.ElementType, match.Below(lt.ElementId))).ToList();
            case MapType mt:
                return ((List<object?>)value).Cast<KeyValuePair<object?, object?>>()
                    .Select(kv => new KeyValuePair<object, object?>(
                        Project(node.Children[0], kv.Key, mt.KeyType, match.Below(mt.KeyId)) ?? throw new InvalidDataException($"Null map key in '{node.Name}'."),
                        Project(node.Children[1], kv.Value, mt.ValueType, match.Below(mt.ValueId))))
                    .ToList();
            default:
                throw new NotSupportedException($"Cannot read Iceberg type {target}.");
        }
    }

    private static async Task<LeafColumn> ReadLeafAsync(ParquetRowGroupReader rowGroup, DataField field, CancellationToken cancellationToken)
    {
        var chunk = rowGroup.GetMetadata(field) ?? throw new InvalidDataException($"Row group has no column chunk for '{field.Path}'.");
        var count = checked((int)chunk.MetaData!.NumValues);
        var def = field.MaxDefinitionLevel > 0 ? new int[count] : null;
        var rep = field.MaxRepetitionLevel > 0 ? new int[count] : null;
        var t = field.ClrType;
        object?[] values;
        if (t == typeof(bool)) values = await ReadAsync<bool>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(int)) values = await ReadAsync<int>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(long)) values = await ReadAsync<long>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(float)) values = await ReadAsync<float>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(double)) values = await ReadAsync<double>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(decimal)) values = await ReadAsync<decimal>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(DateOnly)) values = await ReadAsync<DateOnly>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(DateTime)) values = await ReadAsync<DateTime>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(TimeOnly)) values = await ReadAsync<TimeOnly>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(TimeSpan)) values = await ReadAsync<TimeSpan>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(Guid)) values = await ReadAsync<Guid>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(sbyte)) values = await ReadAsync<sbyte>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(short)) values = await ReadAsync<short>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(byte)) values = await ReadAsync<byte>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(ushort)) values = await ReadAsync<ushort>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(uint)) values = await ReadAsync<uint>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(ReadOnlyMemory<char>)) values = await ReadAsync<ReadOnlyMemory<char>>(rowGroup, field, count, def, rep, cancellationToken);
        else if (t == typeof(ReadOnlyMemory<byte>)) values = await ReadAsync<ReadOnlyMemory<byte>>(rowGroup, field, count, def, rep, cancellationToken);
        else throw new NotSupportedException($"Parquet column '{field.Path}' has unsupported Parquet.Net type {t}.");

        return new LeafColumn(values, def, rep, count, field.MaxDefinitionLevel);
    }

    private static async Task<object?[]> ReadAsync<T>(ParquetRowGroupReader rowGroup, DataField field, int count, int[]? def, int[]? rep, CancellationToken cancellationToken)
        where T : struct
    {
        var raw = new T[count];
        // Explicit nullable casts: a bare null would convert to an empty Memory via the array conversion.
        await rowGroup.ReadRawAsync<T>(field, raw, def is null ? (Memory<int>?)null : def.AsMemory(), rep is null ? (Memory<int>?)null : rep.AsMemory(), cancellationToken);
        var defined = def is null ? count : CountDefined(def, field.MaxDefinitionLevel);
        var values = new object?[defined];
        for (var i = 0; i < defined; i++)
        {
            values[i] = raw[i] switch
            {
                // Parquet.Net hands strings and bytes out as slices of its page buffers; copy them out.
                ReadOnlyMemory<char> chars => chars.ToString(),
                ReadOnlyMemory<byte> bytes => bytes.ToArray(),
                var v => v,
            };
        }

        return values;
    }

    private static int CountDefined(int[] def, int max)
    {
        var n = 0;
        foreach (var d in def)
        {
            if (d == max)
            {
                n++;
            }
        }

        return n;
    }
}
