using System.Buffers.Binary;
using System.Text;

namespace OrleansMaestro.Iceberg.Avro;

/// <summary>Decodes Avro binary data (Avro spec: "Binary Encoding") against a writer schema into generic values.</summary>
internal ref struct AvroDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    public AvroDecoder(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    public readonly int Position => _pos;

    public readonly bool AtEnd => _pos >= _data.Length;

    public long ReadLong()
    {
        ulong raw = 0;
        var shift = 0;
        while (true)
        {
            if (shift > 63)
            {
                throw new FormatException("Malformed Avro varint.");
            }

            var b = _data[_pos++];
            raw |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }

            shift += 7;
        }

        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadInt() => checked((int)ReadLong());

    public ReadOnlySpan<byte> ReadFixed(int size)
    {
        var s = _data.Slice(_pos, size);
        _pos += size;
        return s;
    }

    public byte[] ReadBytes() => ReadFixed(checked((int)ReadLong())).ToArray();

    public string ReadString() => Encoding.UTF8.GetString(ReadFixed(checked((int)ReadLong())));

    public object? Read(AvroSchema schema)
    {
        switch (schema.Kind)
        {
            case AvroKind.Null:
                return null;
            case AvroKind.Boolean:
                return ReadFixed(1)[0] != 0;
            case AvroKind.Int:
                return ReadInt();
            case AvroKind.Long:
                return ReadLong();
            case AvroKind.Float:
                return BinaryPrimitives.ReadSingleLittleEndian(ReadFixed(4));
            case AvroKind.Double:
                return BinaryPrimitives.ReadDoubleLittleEndian(ReadFixed(8));
            case AvroKind.Bytes:
                return ReadBytes();
            case AvroKind.String:
                return ReadString();
            case AvroKind.Fixed:
                return ReadFixed(schema.Size).ToArray();
            case AvroKind.Enum:
                return schema.Symbols[ReadInt()];
            case AvroKind.Union:
                {
                    var index = ReadInt();
                    if (index < 0 || index >= schema.Branches.Count)
                    {
                        throw new FormatException($"Avro union branch {index} out of range.");
                    }

                    return Read(schema.Branches[index]);
                }

            case AvroKind.Record:
                {
                    var rec = new AvroRecord();
                    foreach (var f in schema.Fields)
                    {
                        rec[f.Name] = Read(f.Schema);
                    }

                    return rec;
                }

            case AvroKind.Array:
                {
                    var list = new List<object?>();
                    for (var n = ReadBlockCount(); n != 0; n = ReadBlockCount())
                    {
                        for (var i = 0; i < n; i++)
                        {
                            list.Add(Read(schema.Items!));
                        }
                    }

                    return list;
                }

            case AvroKind.Map:
                {
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    for (var n = ReadBlockCount(); n != 0; n = ReadBlockCount())
                    {
                        for (var i = 0; i < n; i++)
                        {
                            var key = ReadString();
                            map[key] = Read(schema.Values!);
                        }
                    }

                    return map;
                }

            default:
                throw new NotSupportedException($"Avro kind {schema.Kind}.");
        }
    }

    /// <summary>Array and map blocks: a negative count is followed by the block's byte size (Avro spec: "Arrays").</summary>
    private long ReadBlockCount()
    {
        var n = ReadLong();
        if (n < 0)
        {
            ReadLong();
            n = -n;
        }

        return n;
    }
}
