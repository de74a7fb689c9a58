using System.Text;

namespace OrleansMaestro.Iceberg.Avro;

/// <summary>A decoded Avro object container file: its writer schema (as written), metadata and records.</summary>
internal sealed record AvroFileContents(string SchemaJson, AvroSchema Schema, IReadOnlyDictionary<string, byte[]> Metadata, IReadOnlyList<object?> Records)
{
    public string? MetadataString(string key) => Metadata.TryGetValue(key, out var v) ? Encoding.UTF8.GetString(v) : null;
}
