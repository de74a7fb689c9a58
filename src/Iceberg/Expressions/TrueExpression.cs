using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>Matches every row.</summary>
public sealed record TrueExpression : Expression
{
    public static readonly TrueExpression Instance = new();

    private TrueExpression()
    {
    }

    public override bool IsBound => true;

    public override Expression Bind(Schema schema) => this;

    public override Expression Negate() => FalseExpression.Instance;

    public override string ToString() => "true";
}
