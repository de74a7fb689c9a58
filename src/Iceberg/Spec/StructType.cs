namespace OrleansMaestro.Iceberg.Spec;

/// <summary>A tuple of typed, named, id-ed fields.</summary>
public sealed record StructType : IcebergType
{
    public StructType(IReadOnlyList<NestedField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields.ToArray();
    }

    public override TypeId TypeId => TypeId.Struct;

    public IReadOnlyList<NestedField> Fields { get; }

    public NestedField? FieldById(int id) => Fields.FirstOrDefault(f => f.Id == id);

    public NestedField? FieldByName(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public int IndexOf(int fieldId)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Id == fieldId)
            {
                return i;
            }
        }

        return -1;
    }

    public bool Equals(StructType? other) => other is not null && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => Fields.Count;

    public override string ToString() => $"struct<{string.Join(", ", Fields)}>";
}
