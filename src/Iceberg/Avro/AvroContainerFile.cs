using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace OrleansMaestro.Iceberg.Avro;

/// <summary>
/// Reads and writes Avro object container files (Avro spec: "Object Container Files") in memory.
/// Writing takes the schema as a JSON string and embeds it unchanged as <c>avro.schema</c>, so every Iceberg
/// attribute (<c>field-id</c>, <c>element-id</c>, <c>logicalType: map</c>, <c>adjust-to-utc</c>) survives byte for byte.
/// </summary>
internal static class AvroContainerFile
{
    private const int RecordsPerBlock = 4096;
    private static ReadOnlySpan<byte> Magic => "Obj\u0001"u8;

    public static byte[] Write(string schemaJson, IEnumerable<KeyValuePair<string, string>> metadata, IEnumerable<object?> records, AvroCodec codec)
    {
        var schema = AvroSchema.Parse(schemaJson);
        var output = new ArrayBufferWriter<byte>();
        var enc = new AvroEncoder(output);
        enc.WriteRaw(Magic);

        var meta = new List<KeyValuePair<string, byte[]>>
        {
            new("avro.schema", Encoding.UTF8.GetBytes(schemaJson)),
            new("avro.codec", Encoding.UTF8.GetBytes(codec == AvroCodec.Deflate ? "deflate" : "null")),
        };
        meta.AddRange(metadata.Select(kv => new KeyValuePair<string, byte[]>(kv.Key, Encoding.UTF8.GetBytes(kv.Value))));
        enc.WriteLong(meta.Count);
        foreach (var (k, v) in meta)
        {
            enc.WriteString(k);
            enc.WriteBytes(v);
        }

        enc.WriteLong(0);
        var sync = RandomNumberGenerator.GetBytes(16);
        enc.WriteRaw(sync);

        var block = new ArrayBufferWriter<byte>();
        var blockEnc = new AvroEncoder(block);
        var count = 0;
        foreach (var r in records)
        {
            blockEnc.Write(schema, r);
            if (++count == RecordsPerBlock)
            {
                FlushBlock(enc, block, count, codec, sync);
                count = 0;
            }
        }

        if (count > 0)
        {
            FlushBlock(enc, block, count, codec, sync);
        }

        return output.WrittenSpan.ToArray();
    }

    public static AvroFileContents Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || !data[..4].SequenceEqual(Magic))
        {
            throw new FormatException("Not an Avro object container file (bad magic).");
        }

        var dec = new AvroDecoder(data[4..]);
        var meta = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var n = BlockCount(ref dec); n != 0; n = BlockCount(ref dec))
        {
            for (var i = 0; i < n; i++)
            {
                var key = dec.ReadString();
                meta[key] = dec.ReadBytes();
            }
        }

        var sync = dec.ReadFixed(16);
        var schemaJson = meta.TryGetValue("avro.schema", out var s) ? Encoding.UTF8.GetString(s) : throw new FormatException("Avro file has no avro.schema.");
        var codec = meta.TryGetValue("avro.codec", out var c) ? Encoding.UTF8.GetString(c) : "null";
        var schema = AvroSchema.Parse(schemaJson);
        var records = new List<object?>();
        while (!dec.AtEnd)
        {
            var count = dec.ReadLong();
            var size = checked((int)dec.ReadLong());
            var raw = dec.ReadFixed(size);
            var blockData = codec switch
            {
                "null" => raw.ToArray(),
                "deflate" => Inflate(raw),
                _ => throw new NotSupportedException($"Avro codec '{codec}' is not supported (only null and deflate)."),
            };
            var blockDec = new AvroDecoder(blockData);
            for (var i = 0; i < count; i++)
            {
                records.Add(blockDec.Read(schema));
            }

            if (!dec.ReadFixed(16).SequenceEqual(sync))
            {
                throw new FormatException("Avro block sync marker mismatch: the file is corrupt or truncated.");
            }
        }

        return new AvroFileContents(schemaJson, schema, meta, records);
    }

    private static long BlockCount(ref AvroDecoder dec)
    {
        var n = dec.ReadLong();
        if (n < 0)
        {
            dec.ReadLong();
            n = -n;
        }

        return n;
    }

    private static void FlushBlock(AvroEncoder enc, ArrayBufferWriter<byte> block, int count, AvroCodec codec, byte[] sync)
    {
        var payload = codec == AvroCodec.Deflate ? Deflate(block.WrittenSpan) : block.WrittenSpan.ToArray();
        enc.WriteLong(count);
        enc.WriteBytes(payload);
        enc.WriteRaw(sync);
        block.ResetWrittenCount();
    }

    private static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var ms = new MemoryStream();
        using (var z = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return ms.ToArray();
    }

    private static byte[] Inflate(ReadOnlySpan<byte> data)
    {
        using var input = new MemoryStream(data.ToArray());
        using var z = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        z.CopyTo(output);
        return output.ToArray();
    }
}
