using System.Buffers.Binary;
using System.IO.Compression;
using Parquet.Meta;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// Parquet.Net 6.1 throws <see cref="NotImplementedException"/> on DATA_PAGE_V2 pages that carry repetition levels,
/// that is on list and map columns written with v2 pages (hyparquet-writer always writes them; parquet-mr and Arrow do
/// when asked for the 2.0 writer). Before such a file is read, this rewrites the column chunks of those columns in
/// memory as uncompressed v1 pages, which Parquet.Net reads: the levels and values are the same bytes, only framed
/// differently (v2 keeps the levels uncompressed in front of the values; v1 length-prefixes them inside the page body).
/// Other chunks are copied unchanged, and every offset in the footer is moved to the new layout.
/// </summary>
internal static class DataPageV2Rewriter
{
    /// <summary>Whether a repeated column's chunk has v2 data pages, which Parquet.Net cannot read.</summary>
    public static bool IsNeeded(byte[] file, FileMetaData metadata)
    {
        var repeated = RepeatedLeaves(metadata);
        return metadata.RowGroups.Any(g => g.Columns.Where((_, i) => repeated[i]).Any(c => HasV2Pages(file, c.MetaData!)));
    }

    /// <summary>The file with every repeated column's chunk that holds v2 data pages rewritten as uncompressed v1 pages.</summary>
    public static byte[] Rewrite(byte[] file, FileMetaData metadata)
    {
        var repeated = RepeatedLeaves(metadata);
        using var output = new MemoryStream(file.Length * 2);
        output.Write("PAR1"u8);
        foreach (var group in metadata.RowGroups)
        {
            var groupStart = output.Position;
            for (var i = 0; i < group.Columns.Count; i++)
            {
                var chunk = group.Columns[i];
                var meta = chunk.MetaData ?? throw new InvalidDataException("A Parquet column chunk has no metadata.");
                var start = ChunkStart(meta);
                var newStart = output.Position;
                if (repeated[i] && HasV2Pages(file, meta))
                {
                    WriteAsV1Pages(file, meta, output);
                    meta.Codec = CompressionCodec.UNCOMPRESSED;
                    meta.TotalCompressedSize = meta.TotalUncompressedSize = output.Position - newStart;
                    meta.EncodingStats = null;
                }
                else
                {
                    output.Write(file, checked((int)start), checked((int)meta.TotalCompressedSize));
                }

                var shift = newStart - start;
                meta.DataPageOffset += shift;
                meta.DictionaryPageOffset += shift;
                meta.IndexPageOffset += shift;
                chunk.FileOffset = newStart;

                // Page indexes and bloom filters live outside the chunks and are not copied; nothing here reads them.
                chunk.OffsetIndexOffset = chunk.ColumnIndexOffset = null;
                chunk.OffsetIndexLength = chunk.ColumnIndexLength = null;
                meta.BloomFilterOffset = null;
                meta.BloomFilterLength = null;
            }

            group.FileOffset = groupStart;
            group.TotalCompressedSize = output.Position - groupStart;
        }

        var footer = ThriftCodec.Write(metadata);
        output.Write(footer);
        Span<byte> end = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(end, footer.Length);
        "PAR1"u8.CopyTo(end[4..]);
        output.Write(end);
        return output.ToArray();
    }

    private static void WriteAsV1Pages(byte[] file, ColumnMetaData meta, MemoryStream output)
    {
        var chunkEnd = ChunkStart(meta) + meta.TotalCompressedSize;
        using var input = new MemoryStream(file, writable: false) { Position = ChunkStart(meta) };
        while (input.Position < chunkEnd)
        {
            var header = ThriftCodec.Read<PageHeader>(input);
            var body = file.AsSpan(checked((int)input.Position), header.CompressedPageSize);
            input.Position += header.CompressedPageSize;
            byte[] plain;
            switch (header.Type)
            {
                case PageType.DATA_PAGE_V2:
                    {
                        var v2 = header.DataPageHeaderV2!;
                        var levels = v2.RepetitionLevelsByteLength + v2.DefinitionLevelsByteLength;
                        var values = v2.IsCompressed == false
                            ? body[levels..].ToArray()
                            : Decompress(meta.Codec, body[levels..], header.UncompressedPageSize - levels);

                        // v1 body: each level run prefixed with its 4-byte length, then the values. A repeated column
                        // always has both repetition and definition levels.
                        plain = new byte[4 + v2.RepetitionLevelsByteLength + 4 + v2.DefinitionLevelsByteLength + values.Length];
                        var at = AppendLevels(plain, 0, body[..v2.RepetitionLevelsByteLength]);
                        at = AppendLevels(plain, at, body[v2.RepetitionLevelsByteLength..levels]);
                        values.CopyTo(plain.AsSpan(at));
                        header.Type = PageType.DATA_PAGE;
                        header.DataPageHeaderV2 = null;
                        header.DataPageHeader = new DataPageHeader
                        {
                            NumValues = v2.NumValues,
                            Encoding = v2.Encoding,
                            DefinitionLevelEncoding = Encoding.RLE,
                            RepetitionLevelEncoding = Encoding.RLE,
                            Statistics = v2.Statistics,
                        };
                        break;
                    }

                case PageType.DATA_PAGE or PageType.DICTIONARY_PAGE:
                    plain = Decompress(meta.Codec, body, header.UncompressedPageSize);
                    break;
                default:
                    throw new NotSupportedException($"Parquet page type {header.Type} in column '{string.Join('.', meta.PathInSchema)}' is not supported.");
            }

            header.CompressedPageSize = header.UncompressedPageSize = plain.Length;
            header.Crc = null; // The checksum covered the old page bytes.
            ThriftCodec.Write(header, output);
            output.Write(plain);
        }
    }

    /// <summary>Writes a v1 level run (4-byte little-endian length, then the RLE/bit-packed levels); returns the next offset.</summary>
    private static int AppendLevels(byte[] page, int at, ReadOnlySpan<byte> levels)
    {
        BinaryPrimitives.WriteInt32LittleEndian(page.AsSpan(at), levels.Length);
        levels.CopyTo(page.AsSpan(at + 4));
        return at + 4 + levels.Length;
    }

    private static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> data, int length)
    {
        switch (codec)
        {
            case CompressionCodec.UNCOMPRESSED:
                return data.ToArray();
            case CompressionCodec.SNAPPY:
                return Snappier.Snappy.DecompressToArray(data);
            case CompressionCodec.ZSTD:
                {
                    using var zstd = new ZstdSharp.Decompressor();
                    return zstd.Unwrap(data, length).ToArray();
                }

            case CompressionCodec.GZIP:
            case CompressionCodec.BROTLI:
                {
                    using var compressed = new MemoryStream(data.ToArray());
                    using Stream decoder = codec == CompressionCodec.GZIP
                        ? new GZipStream(compressed, CompressionMode.Decompress)
                        : new BrotliStream(compressed, CompressionMode.Decompress);
                    var result = new byte[length];
                    decoder.ReadExactly(result);
                    return result;
                }

            default:
                throw new NotSupportedException($"Parquet codec {codec} is not supported for list and map columns stored in v2 data pages.");
        }
    }

    private static bool HasV2Pages(byte[] file, ColumnMetaData meta)
    {
        if (meta.EncodingStats is { Count: > 0 } stats)
        {
            return stats.Any(s => s.PageType == PageType.DATA_PAGE_V2);
        }

        // No encoding stats: look at the page headers themselves.
        var chunkEnd = ChunkStart(meta) + meta.TotalCompressedSize;
        using var input = new MemoryStream(file, writable: false) { Position = ChunkStart(meta) };
        while (input.Position < chunkEnd)
        {
            var header = ThriftCodec.Read<PageHeader>(input);
            if (header.Type == PageType.DATA_PAGE_V2)
            {
                return true;
            }

            input.Position += header.CompressedPageSize;
        }

        return false;
    }

    private static long ChunkStart(ColumnMetaData meta) =>
        meta.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < meta.DataPageOffset ? dictionary : meta.DataPageOffset;

    /// <summary>For each leaf column, in file order, whether it is inside a repeated node (a list or map).</summary>
    private static bool[] RepeatedLeaves(FileMetaData metadata)
    {
        var result = new List<bool>();
        var index = 1;
        for (var i = 0; i < (metadata.Schema[0].NumChildren ?? 0); i++)
        {
            Walk(metadata.Schema, ref index, repeated: false, result);
        }

        return [.. result];
    }

    private static void Walk(List<SchemaElement> schema, ref int index, bool repeated, List<bool> leaves)
    {
        var element = schema[index++];
        repeated |= element.RepetitionType == FieldRepetitionType.REPEATED;
        if ((element.NumChildren ?? 0) == 0)
        {
            leaves.Add(repeated);
            return;
        }

        for (var i = 0; i < element.NumChildren; i++)
        {
            Walk(schema, ref index, repeated, leaves);
        }
    }
}
