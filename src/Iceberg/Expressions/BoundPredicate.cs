using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>A predicate on a resolved column, with literals in the column type's .NET representation.</summary>
public sealed record BoundPredicate : Expression
{
    public BoundPredicate(Operation op, BoundReference reference, IReadOnlyList<object> literals)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(literals);
        Op = op;
        Ref = reference;
        Literals = literals.ToArray();
    }

    public Operation Op { get; }

    public BoundReference Ref { get; }

    /// <summary>None for null checks, one for comparisons, one or more for in/not in.</summary>
    public IReadOnlyList<object> Literals { get; }

    public object Literal => Literals[0];

    public override bool IsBound => true;

    /// <summary>Already bound: checks the field still exists with the same type.</summary>
    public override Expression Bind(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var field = schema.FindField(Ref.FieldId);
        return field is not null && field.Type == Ref.Type
            ? this
            : throw new ExpressionBindingException($"Predicate '{this}' was bound to field id {Ref.FieldId} ({Ref.Type}), which this schema does not have.");
    }

    public override Expression Negate() => new BoundPredicate(Op.Negate(), Ref, Literals);

    public bool Equals(BoundPredicate? other) =>
        other is not null && Op == other.Op && Ref == other.Ref
        && Literals.Count == other.Literals.Count && Literals.Zip(other.Literals).All(p => ValueEquality.AreEqual(p.First, p.Second));

    public override int GetHashCode() => HashCode.Combine(Op, Ref, Literals.Count);

    public override string ToString() => Op.Describe(Ref.Name, Literals);
}
