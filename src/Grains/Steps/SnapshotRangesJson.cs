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
