using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>Either side matches. Prefer <see cref="Expression.Or(Expression, Expression)"/>, which folds constants.</summary>
public sealed record OrExpression(Expression Left, Expression Right) : Expression
{
    public override bool IsBound => Left.IsBound && Right.IsBound;

    public override Expression Bind(Schema schema) => Or(Left.Bind(schema), Right.Bind(schema));

    public override Expression Negate() => And(Left.Negate(), Right.Negate());

    public override string ToString() => $"({Left} or {Right})";
}
