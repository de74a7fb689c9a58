using System.Text;
using System.Text.Json;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// The JSON form of a run's source ranges, <c>[{"table":"ns.t","fromExclusive":1,"toInclusive":2}]</c> (null ends as
/// JSON null), used for <c>MAESTRO_SOURCES</c> and the <c>maestro.sources</c> snapshot marker so both read the same way.
/// </summary>
public static class SnapshotRangesJson
{
    public static string Serialize(IReadOnlyList<SnapshotRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var range in ranges)
            {
                writer.WriteStartObject();
                writer.WriteString("table", range.Table);
                WriteNullable(writer, "fromExclusive", range.FromExclusive);
                WriteNullable(writer, "toInclusive", range.ToInclusive);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; null when <paramref name="json"/> is not that shape.</summary>
    public static IReadOnlyList<SnapshotRange>? TryDeserialize(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var ranges = new List<SnapshotRange>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("table", out var table) || table.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                ranges.Add(new SnapshotRange { Table = table.GetString()!, FromExclusive = ReadNullable(item, "fromExclusive"), ToInclusive = ReadNullable(item, "toInclusive") });
            }

            return ranges;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long? ReadNullable(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
