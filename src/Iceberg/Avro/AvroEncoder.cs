using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Text;

namespace OrleansMaestro.Iceberg.Avro;

/// <summary>Encodes generic values as Avro binary data (Avro spec: "Binary Encoding") against a schema.</summary>
internal sealed class AvroEncoder
{
    private readonly ArrayBufferWriter<byte> _out;

    public AvroEncoder(ArrayBufferWriter<byte> output)
    {
        _out = output;
    }

    public void WriteLong(long value)
    {
        var n = (ulong)((value << 1) ^ (value >> 63));
        var span = _out.GetSpan(10);
        var i = 0;
        while ((n & ~0x7FUL) != 0)
        {
            span[i++] = (byte)((n & 0x7F) | 0x80);
            n >>= 7;
        }

        span[i++] = (byte)n;
        _out.Advance(i);
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes) => _out.Write(bytes);

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteLong(bytes.Length);
        _out.Write(bytes);
    }

    public void WriteString(string value) => WriteBytes(Encoding.UTF8.GetBytes(value));

    public void Write(AvroSchema schema, object? value)
    {
        switch (schema.Kind)
        {
            case AvroKind.Null:
                if (value is not null)
                {
                    throw new ArgumentException("Non-null value for an Avro null schema.", nameof(value));
                }

                break;
            case AvroKind.Boolean:
                _out.Write([(bool)value! ? (byte)1 : (byte)0]);
                break;
            case AvroKind.Int:
                WriteLong(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case AvroKind.Long:
                WriteLong(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case AvroKind.Float:
                {
                    Span<byte> b = stackalloc byte[4];
                    BinaryPrimitives.WriteSingleLittleEndian(b, (float)value!);
                    _out.Write(b);
                    break;
                }

            case AvroKind.Double:
                {
                    Span<byte> b = stackalloc byte[8];
                    BinaryPrimitives.WriteDoubleLittleEndian(b, (double)value!);
                    _out.Write(b);
                    break;
                }

            case AvroKind.Bytes:
                WriteBytes((byte[])value!);
                break;
            case AvroKind.String:
                WriteString((string)value!);
                break;
            case AvroKind.Fixed:
                {
                    var b = (byte[])value!;
                    if (b.Length != schema.Size)
                    {
                        throw new ArgumentException($"Avro fixed '{schema.Name}' needs {schema.Size} bytes, got {b.Length}.", nameof(value));
                    }

                    _out.Write(b);
                    break;
                }

            case AvroKind.Enum:
                WriteLong(schema.Symbols.ToList().IndexOf((string)value!));
                break;
            case AvroKind.Union:
                {
                    // Only the nullable unions Iceberg writes: pick the null branch for null, else the first non-null branch.
                    var index = -1;
                    for (var i = 0; i < schema.Branches.Count; i++)
                    {
                        if ((value is null) == (schema.Branches[i].Kind == AvroKind.Null))
                        {
                            index = i;
                            break;
                        }
                    }

                    if (index < 0)
                    {
                        throw new ArgumentException("No Avro union branch fits the value.", nameof(value));
                    }

                    WriteLong(index);
                    Write(schema.Branches[index], value);
                    break;
                }

            case AvroKind.Record:
                {
                    var rec = (AvroRecord)value!;
                    foreach (var f in schema.Fields)
                    {
                        Write(f.Schema, rec[f.Name]);
                    }

                    break;
                }

            case AvroKind.Array:
                {
                    var list = (IList)value!;
                    if (list.Count > 0)
                    {
                        WriteLong(list.Count);
                        foreach (var item in list)
                        {
                            Write(schema.Items!, item);
                        }
                    }

                    WriteLong(0);
                    break;
                }

            case AvroKind.Map:
                {
                    var map = (IDictionary<string, object?>)value!;
                    if (map.Count > 0)
                    {
                        WriteLong(map.Count);
                        foreach (var (k, v) in map)
                        {
                            WriteString(k);
                            Write(schema.Values!, v);
                        }
                    }

                    WriteLong(0);
                    break;
                }

            default:
                throw new NotSupportedException($"Avro kind {schema.Kind}.");
        }
    }
}
