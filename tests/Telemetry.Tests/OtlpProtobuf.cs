using System.Globalization;
using System.Text;

namespace OrleansMaestro.Telemetry.Tests;

/// <summary>
/// Reads the spans of an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1) from its
/// protobuf bytes: just the fields the tests look at (trace, span and parent ids, name, string and int attributes),
/// skipping everything else by wire type. Written here so the test depends on the wire format, not on the exporter.
/// </summary>
public static class OtlpProtobuf
{
    public static IReadOnlyList<OtlpSpan> ReadSpans(ReadOnlySpan<byte> request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var (field, resourceSpans) in Fields(request.ToArray()))
        {
            if (field != 1)
            {
                continue; // ExportTraceServiceRequest.resource_spans
            }

            foreach (var (f2, scopeSpans) in Fields(resourceSpans))
            {
                if (f2 != 2)
                {
                    continue; // ResourceSpans.scope_spans
                }

                foreach (var (f3, span) in Fields(scopeSpans))
                {
                    if (f3 == 2)
                    {
                        spans.Add(ReadSpan(span)); // ScopeSpans.spans
                    }
                }
            }
        }

        return spans;
    }

    private static OtlpSpan ReadSpan(byte[] span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in Fields(span))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(value); break;
                case 2: spanId = Convert.ToHexStringLower(value); break;
                case 4: parent = Convert.ToHexStringLower(value); break;
                case 5: name = Encoding.UTF8.GetString(value); break;
                case 9:
                    var (key, text) = ReadKeyValue(value);
                    attributes[key] = text;
                    break;
            }
        }

        return new OtlpSpan(traceId, spanId, parent, name, attributes);
    }

    private static (string Key, string Value) ReadKeyValue(byte[] keyValue)
    {
        string key = "", text = "";
        foreach (var (field, value) in Fields(keyValue))
        {
            if (field == 1)
            {
                key = Encoding.UTF8.GetString(value);
            }
            else if (field == 2)
            {
                text = ReadAnyValue(value);
            }
        }

        return (key, text);
    }

    private static string ReadAnyValue(byte[] anyValue)
    {
        var position = 0;
        while (position < anyValue.Length)
        {
            var tag = ReadVarint(anyValue, ref position);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    var number = ReadVarint(anyValue, ref position);
                    return field == 2 ? (number != 0).ToString() : ((long)number).ToString(CultureInfo.InvariantCulture);
                case 2:
                    var length = (int)ReadVarint(anyValue, ref position);
                    var text = Encoding.UTF8.GetString(anyValue, position, length);
                    position += length;
                    if (field == 1)
                    {
                        return text;
                    }

                    break;
                case 1:
                    return BitConverter.ToDouble(anyValue, position).ToString(CultureInfo.InvariantCulture);
                default:
                    return "";
            }
        }

        return "";
    }

    /// <summary>The length-delimited fields of a message (numbers and fixed-size values are skipped).</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var position = 0;
        var result = new List<(int, byte[])>();
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            switch ((int)(tag & 7))
            {
                case 0: ReadVarint(message, ref position); break;
                case 1: position += 8; break;
                case 5: position += 4; break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    result.Add(((int)(tag >> 3), message[position..(position + length)]));
                    position += length;
                    break;
                default: throw new FormatException($"Unsupported protobuf wire type {tag & 7} at byte {position}.");
            }
        }

        return result;
    }

    private static ulong ReadVarint(byte[] bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
