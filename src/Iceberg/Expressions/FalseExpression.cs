using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>Matches no row.</summary>
public sealed record FalseExpression : Expression
{
    public static readonly FalseExpression Instance = new();

    private FalseExpression()
    {
    }

    public override bool IsBound => true;

    public override Expression Bind(Schema schema) => this;

    public override Expression Negate() => TrueExpression.Instance;

    public override string ToString() => "false";
}
