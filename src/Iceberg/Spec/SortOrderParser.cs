using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>Sort order JSON (spec appendix C: Sort Orders).</summary>
public static class SortOrderParser
{
    public static SortOrder FromJson(JsonNode? node)
    {
        var obj = JsonFields.AsObject(node, "A sort order");
        var orderId = JsonFields.Int(obj, "order-id", "sort order");
        var fields = JsonFields.AsArray(JsonFields.Required(obj, "fields", "sort order"), "sort order fields")
            .Select(f =>
            {
                var fo = JsonFields.AsObject(f, "sort field");
                Transform transform;
                try
                {
                    transform = Transform.Parse(JsonFields.String(fo, "transform", "sort field"));
                }
                catch (FormatException e)
                {
                    throw new InvalidDataException($"sort field: {e.Message}", e);
                }

                return new SortField(
                    JsonFields.Int(fo, "source-id", "sort field"),
                    transform,
                    JsonFields.String(fo, "direction", "sort field"),
                    JsonFields.String(fo, "null-order", "sort field"));
            })
            .ToArray();
        return new SortOrder(orderId, fields);
    }

    public static void Write(Utf8JsonWriter writer, SortOrder order)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(order);
        writer.WriteStartObject();
        writer.WriteNumber("order-id", order.OrderId);
        writer.WriteStartArray("fields");
        foreach (var f in order.Fields)
        {
            writer.WriteStartObject();
            writer.WriteString("transform", f.Transform.ToString());
            writer.WriteNumber("source-id", f.SourceId);
            writer.WriteString("direction", f.Direction);
            writer.WriteString("null-order", f.NullOrder);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
