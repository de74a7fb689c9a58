using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>Both sides match. Prefer <see cref="Expression.And(Expression, Expression)"/>, which folds constants.</summary>
public sealed record AndExpression(Expression Left, Expression Right) : Expression
{
    public override bool IsBound => Left.IsBound && Right.IsBound;

    public override Expression Bind(Schema schema) => And(Left.Bind(schema), Right.Bind(schema));

    public override Expression Negate() => Or(Left.Negate(), Right.Negate());

    public override string ToString() => $"({Left} and {Right})";
}
