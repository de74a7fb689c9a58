using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>A predicate on a column by name, with literals not yet converted to the column type.</summary>
public sealed record UnboundPredicate : Expression
{
    public UnboundPredicate(Operation op, string column, IReadOnlyList<object> literals)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        ArgumentNullException.ThrowIfNull(literals);
        Op = op;
        Column = column;
        Literals = literals.ToArray();
    }

    public Operation Op { get; }

    public string Column { get; }

    public IReadOnlyList<object> Literals { get; }

    public override bool IsBound => false;

    public override Expression Bind(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var reference = Binder.Resolve(schema, Column);
        var converted = Literals.Select(l => Binder.ConvertLiteral(l, reference, Op)).ToArray();
        return new BoundPredicate(Op, reference, converted);
    }

    public override Expression Negate() => new UnboundPredicate(Op.Negate(), Column, Literals);

    public bool Equals(UnboundPredicate? other) =>
        other is not null && Op == other.Op && Column == other.Column
        && Literals.Count == other.Literals.Count && Literals.Zip(other.Literals).All(p => ValueEquality.AreEqual(p.First, p.Second));

    public override int GetHashCode() => HashCode.Combine(Op, Column, Literals.Count);

    public override string ToString() => Op.Describe(Column, Literals);
}
