using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>
/// The child does not match. Evaluators first push negations down to the predicates (<see cref="Expression.Negate"/>),
/// so a null column value matches neither <c>x &lt; 5</c> nor <c>not (x &lt; 5)</c>, as in SQL.
/// </summary>
public sealed record NotExpression(Expression Child) : Expression
{
    public override bool IsBound => Child.IsBound;

    public override Expression Bind(Schema schema) => Not(Child.Bind(schema));

    public override Expression Negate() => RewriteNot.Apply(Child);

    public override string ToString() => $"not {Child}";
}
