using System.Text.Json.Nodes;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>A field of a struct (or a schema): identified by <see cref="Id"/>, never by name, so renames are safe.</summary>
public sealed record NestedField(int Id, string Name, IcebergType Type, bool Required, string? Doc = null)
{
    /// <summary>The spec's <c>initial-default</c>, kept as JSON so it round-trips unchanged.</summary>
    public JsonNode? InitialDefault { get; init; }

    /// <summary>The spec's <c>write-default</c>, kept as JSON so it round-trips unchanged.</summary>
    public JsonNode? WriteDefault { get; init; }

    public bool IsOptional => !Required;

    public static NestedField RequiredField(int id, string name, IcebergType type, string? doc = null) => new(id, name, type, true, doc);

    public static NestedField OptionalField(int id, string name, IcebergType type, string? doc = null) => new(id, name, type, false, doc);

    public override string ToString() => $"{Id}: {Name}: {(Required ? "required" : "optional")} {Type}";
}
