using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>
/// Whether a row matches a filter. Negations are pushed to the predicates first and a null (or NaN) value
/// fails every comparison, so the result is SQL's (unknown = no match), and agrees with the pruning evaluators.
/// </summary>
public sealed class RowEvaluator
{
    private readonly Expression _expression;

    public RowEvaluator(Schema schema, Expression filter)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(filter);
        _expression = RewriteNot.Apply(filter.Bind(schema));
    }

    /// <summary>Creates an evaluator for an already bound expression (e.g. a projected partition filter).</summary>
    internal RowEvaluator(Expression boundFilter)
    {
        _expression = RewriteNot.Apply(boundFilter);
    }

    /// <summary>The bound filter in negation normal form.</summary>
    public Expression Filter => _expression;

    /// <summary>Whether the row whose values are given by field id matches.</summary>
    public bool Matches(Func<int, object?> valueOfField)
    {
        ArgumentNullException.ThrowIfNull(valueOfField);
        return Eval(_expression, valueOfField);
    }

    private static bool Eval(Expression e, Func<int, object?> row) => e switch
    {
        TrueExpression => true,
        FalseExpression => false,
        AndExpression a => Eval(a.Left, row) && Eval(a.Right, row),
        OrExpression o => Eval(o.Left, row) || Eval(o.Right, row),
        BoundPredicate p => Test(p, row(p.Ref.FieldId)),
        _ => throw new InvalidOperationException($"Cannot evaluate '{e}': it is not bound."),
    };

    internal static bool Test(BoundPredicate p, object? value)
    {
        switch (p.Op)
        {
            case Operation.IsNull:
                return value is null;
            case Operation.NotNull:
                return value is not null;
        }

        if (value is null)
        {
            return false;
        }

        if (value is double.NaN or float.NaN)
        {
            // NaN is unequal to everything and unordered, as in IEEE and SQL.
            return p.Op is Operation.NotEqual or Operation.NotIn;
        }

        var type = p.Ref.Type;
        return p.Op switch
        {
            Operation.Equal => ValueComparer.Compare(type, value, p.Literal) == 0,
            Operation.NotEqual => ValueComparer.Compare(type, value, p.Literal) != 0,
            Operation.LessThan => ValueComparer.Compare(type, value, p.Literal) < 0,
            Operation.LessThanOrEqual => ValueComparer.Compare(type, value, p.Literal) <= 0,
            Operation.GreaterThan => ValueComparer.Compare(type, value, p.Literal) > 0,
            Operation.GreaterThanOrEqual => ValueComparer.Compare(type, value, p.Literal) >= 0,
            Operation.In => p.Literals.Any(l => ValueComparer.Compare(type, value, l) == 0),
            Operation.NotIn => p.Literals.All(l => ValueComparer.Compare(type, value, l) != 0),
            _ => throw new InvalidOperationException($"Unknown operation {p.Op}."),
        };
    }
}
