using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tables;

/// <summary>
/// Schema evolution by field id (spec: "Schema Evolution"): add optional columns (new ids from last-column-id),
/// rename columns, widen types (int→long, float→double, decimal precision). Data files are never rewritten:
/// readers map columns by id, so renamed columns read right and added columns read as null in old files.
/// The changes are re-applied to the latest schema on each commit attempt.
/// </summary>
public sealed class SchemaUpdate
{
    private readonly Table _table;
    private readonly List<Func<List<NestedField>, Func<int>, List<NestedField>>> _changes = [];

    internal SchemaUpdate(Table table)
    {
        _table = table;
    }

    /// <summary>Adds an optional top-level column (required columns would make existing rows invalid).</summary>
    public SchemaUpdate AddColumn(string name, IcebergType type, string? doc = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(type);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Column name '{name}' must not contain '.'.", nameof(name));
        }

        _changes.Add((fields, nextId) =>
        {
            if (fields.Any(f => f.Name == name))
            {
                throw new ArgumentException($"Cannot add column '{name}': a column with that name exists.");
            }

            fields.Add(NestedField.OptionalField(nextId(), name, AssignIds(type, nextId), doc));
            return fields;
        });
        return this;
    }

    public SchemaUpdate RenameColumn(string name, string newName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(newName);
        _changes.Add((fields, _) =>
        {
            var index = IndexOf(fields, name);
            if (fields.Any(f => f.Name == newName))
            {
                throw new ArgumentException($"Cannot rename '{name}' to '{newName}': a column with that name exists.");
            }

            fields[index] = fields[index] with { Name = newName };
            return fields;
        });
        return this;
    }

    /// <summary>Widens a column's type; only the promotions the spec allows.</summary>
    public SchemaUpdate UpdateColumnType(string name, PrimitiveType newType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(newType);
        _changes.Add((fields, _) =>
        {
            var index = IndexOf(fields, name);
            var old = fields[index].Type;
            if (!IsAllowedPromotion(old, newType))
            {
                throw new ArgumentException($"Cannot change column '{name}' from {old} to {newType}: only int→long, float→double and widening decimal precision are allowed.");
            }

            fields[index] = fields[index] with { Type = newType };
            return fields;
        });
        return this;
    }

    /// <summary>The schema these changes give on top of the table's current schema (validates them).</summary>
    public Schema Apply() => Apply(_table.Metadata);

    public Task<Table> CommitAsync(CancellationToken cancellationToken = default) =>
        _table.Catalog.CommitAsync(_table.Identifier, (current, _, _) =>
        {
            Schema schema;
            try
            {
                schema = Apply(current.Metadata);
            }
            catch (ArgumentException e) when (!ReferenceEquals(current.Metadata, _table.Metadata))
            {
                throw new CommitFailedException($"The schema change no longer applies to '{current.Identifier}' after a concurrent change: {e.Message}");
            }

            var metadata = TableMetadataBuilder.SetCurrentSchema(current.Metadata, schema, current.Catalog.NowMs());
            return Task.FromResult(new PendingCommit(metadata, []));
        }, cancellationToken);

    private Schema Apply(TableMetadata metadata)
    {
        var lastId = metadata.LastColumnId;
        var fields = metadata.CurrentSchema.Fields.ToList();
        foreach (var change in _changes)
        {
            fields = change(fields, () => ++lastId);
        }

        return new Schema(metadata.CurrentSchema.SchemaId, fields, metadata.CurrentSchema.IdentifierFieldIds);
    }

    private static int IndexOf(List<NestedField> fields, string name)
    {
        var index = fields.FindIndex(f => f.Name == name);
        return index >= 0 ? index : throw new ArgumentException($"Column '{name}' does not exist.");
    }

    private static bool IsAllowedPromotion(IcebergType from, PrimitiveType to) => (from, to) switch
    {
        _ when from == to => true,
        ({ TypeId: TypeId.Int }, { TypeId: TypeId.Long }) => true,
        ({ TypeId: TypeId.Float }, { TypeId: TypeId.Double }) => true,
        (DecimalType a, DecimalType b) => a.Scale == b.Scale && b.Precision >= a.Precision,
        _ => false,
    };

    /// <summary>Gives fresh ids to the nested fields of a new column's type.</summary>
    private static IcebergType AssignIds(IcebergType type, Func<int> nextId) => type switch
    {
        StructType s => new StructType(s.Fields.Select(f => f with { Id = nextId(), Type = AssignIds(f.Type, nextId) }).ToArray()),
        ListType l => new ListType(nextId(), AssignIds(l.ElementType, nextId), l.ElementRequired),
        MapType m => new MapType(nextId(), AssignIds(m.KeyType, nextId), nextId(), AssignIds(m.ValueType, nextId), m.ValueRequired),
        _ => type,
    };
}
