using System.Text.Json.Nodes;

namespace OrleansMaestro.Iceberg.Avro;

/// <summary>A field of an Avro record schema, with its Iceberg <c>field-id</c> when the writer recorded one.</summary>
internal sealed record AvroField(string Name, AvroSchema Schema, int? FieldId, JsonNode? Default);
