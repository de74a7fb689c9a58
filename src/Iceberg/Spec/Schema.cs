namespace OrleansMaestro.Iceberg.Spec;

/// <summary>A table schema: a struct of top-level fields plus a schema id (spec: "Schemas").</summary>
public sealed class Schema
{
    private readonly Dictionary<int, NestedField> _byId = [];
    private readonly Dictionary<string, NestedField> _byName = new(StringComparer.Ordinal);

    public Schema(int schemaId, IReadOnlyList<NestedField> fields, IReadOnlyList<int>? identifierFieldIds = null)
    {
        SchemaId = schemaId;
        Struct = new StructType(fields);
        IdentifierFieldIds = identifierFieldIds?.ToArray() ?? [];
        Index(Struct, prefix: null);
    }

    public int SchemaId { get; }

    public StructType Struct { get; }

    public IReadOnlyList<NestedField> Fields => Struct.Fields;

    public IReadOnlyList<int> IdentifierFieldIds { get; }

    /// <summary>The largest field id anywhere in the schema (nested ids included); 0 for an empty schema.</summary>
    public int HighestFieldId => _byId.Count == 0 ? 0 : _byId.Keys.Max();

    /// <summary>Finds a field at any depth by id.</summary>
    public NestedField? FindField(int id) => _byId.GetValueOrDefault(id);

    /// <summary>Finds a field by its dotted full name (<c>address.city</c>); top-level names need no dots.</summary>
    public NestedField? FindField(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The dotted full name of a field id, or null.</summary>
    public string? FindColumnName(int id) => _byName.FirstOrDefault(kv => kv.Value.Id == id).Key;

    public Schema WithSchemaId(int schemaId) => new(schemaId, Fields, IdentifierFieldIds);

    /// <summary>Whether two schemas have the same fields (ids, names, types), ignoring the schema id.</summary>
    public bool SameStructure(Schema other) => Struct.Equals(other.Struct) && IdentifierFieldIds.SequenceEqual(other.IdentifierFieldIds);

    public override string ToString() => $"schema {SchemaId}: {Struct}";

    private void Index(IcebergType type, string? prefix)
    {
        switch (type)
        {
            case StructType st:
                foreach (var f in st.Fields)
                {
                    Add(f, prefix is null ? f.Name : $"{prefix}.{f.Name}");
                }

                break;
            case ListType lt:
                Add(lt.ElementField, $"{prefix}.element");
                break;
            case MapType mt:
                Add(mt.KeyField, $"{prefix}.key");
                Add(mt.ValueField, $"{prefix}.value");
                break;
        }
    }

    private void Add(NestedField field, string fullName)
    {
        if (!_byId.TryAdd(field.Id, field))
        {
            throw new FormatException($"Field id {field.Id} is used twice in the schema ('{fullName}').");
        }

        if (!_byName.TryAdd(fullName, field))
        {
            throw new FormatException($"Field name '{fullName}' is used twice in the schema.");
        }

        Index(field.Type, fullName);
    }
}
