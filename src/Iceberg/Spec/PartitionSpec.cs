namespace OrleansMaestro.Iceberg.Spec;

/// <summary>How a table's rows map to partitions (spec: "Partitioning"). Field ids start at 1000.</summary>
public sealed class PartitionSpec
{
    /// <summary>The first partition field id, as the spec (and Java) assigns them.</summary>
    public const int FirstFieldId = 1000;

    public PartitionSpec(int specId, IReadOnlyList<PartitionField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        SpecId = specId;
        Fields = fields.ToArray();
    }

    public static PartitionSpec Unpartitioned { get; } = new(0, []);

    public int SpecId { get; }

    public IReadOnlyList<PartitionField> Fields { get; }

    public bool IsUnpartitioned => Fields.Count == 0 || Fields.All(f => f.Transform is VoidTransform);

    /// <summary>The largest partition field id, or 999 when there are none (so the next one is 1000).</summary>
    public int LastAssignedFieldId => Fields.Count == 0 ? FirstFieldId - 1 : Fields.Max(f => f.FieldId);

    /// <summary>The struct type of this spec's partition tuples for the given schema.</summary>
    public StructType PartitionType(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = new List<NestedField>(Fields.Count);
        foreach (var f in Fields)
        {
            var source = schema.FindField(f.SourceId)
                ?? throw new FormatException($"Partition field '{f.Name}' refers to source column id {f.SourceId}, which is not in the schema.");
            fields.Add(NestedField.OptionalField(f.FieldId, f.Name, f.Transform.ResultType(source.Type)));
        }

        return new StructType(fields);
    }

    /// <summary>The partition tuple of a row given as values by field id lookup.</summary>
    public StructValue PartitionFor(Schema schema, Func<int, object?> valueOfField)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(valueOfField);
        var values = new object?[Fields.Count];
        for (var i = 0; i < Fields.Count; i++)
        {
            var f = Fields[i];
            var source = schema.FindField(f.SourceId)!;
            values[i] = f.Transform.Apply(source.Type, valueOfField(f.SourceId));
        }

        return new StructValue(values);
    }

    /// <summary>Same fields (source ids, names, transforms) as another spec, ignoring spec and field ids.</summary>
    public bool CompatibleWith(PartitionSpec other) =>
        Fields.Count == other.Fields.Count
        && Fields.Zip(other.Fields).All(p => p.First.SourceId == p.Second.SourceId && p.First.Name == p.Second.Name && p.First.Transform == p.Second.Transform);

    public override string ToString() => IsUnpartitioned ? "unpartitioned" : string.Join(", ", Fields.Select(f => $"{f.Transform}({f.SourceId}) as {f.Name}"));
}
