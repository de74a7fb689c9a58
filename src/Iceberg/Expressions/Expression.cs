using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>
/// An immutable row filter used for scan planning (spec: "Scan Planning"). Build with the static factories
/// (<see cref="Equal"/>, <see cref="And(Expression, Expression)"/>, ...) or <see cref="Parse"/>, then <see cref="Bind"/> to a schema.
/// Literals use the .NET representation of Iceberg values (see <see cref="IcebergType"/>); binding converts them
/// to the column type.
/// </summary>
public abstract record Expression
{
    public static Expression True => TrueExpression.Instance;

    public static Expression False => FalseExpression.Instance;

    /// <summary>Whether all column references are resolved to field ids (see <see cref="Bind"/>).</summary>
    public abstract bool IsBound { get; }

    /// <summary>Resolves column names to field ids and converts literals to the column types.</summary>
    /// <exception cref="ExpressionBindingException">A column is unknown, not primitive, or a literal does not convert.</exception>
    public abstract Expression Bind(Schema schema);

    /// <summary>The logical negation, pushed down to the predicates (no <see cref="NotExpression"/> remains).</summary>
    public abstract Expression Negate();

    /// <summary>Parses a filter such as <c>id &gt; 5 and (category = 'a' or ts &gt;= '2024-01-01T00:00:00')</c>.</summary>
    /// <exception cref="FormatException">The text is not a filter; the message names the position.</exception>
    public static Expression Parse(string text) => ExpressionParser.Parse(text);

    public static Expression And(Expression left, Expression right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return (left, right) switch
        {
            (FalseExpression, _) or (_, FalseExpression) => False,
            (TrueExpression, _) => right,
            (_, TrueExpression) => left,
            _ => new AndExpression(left, right),
        };
    }

    public static Expression And(Expression first, params Expression[] rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        return rest.Aggregate(first, And);
    }

    public static Expression Or(Expression left, Expression right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return (left, right) switch
        {
            (TrueExpression, _) or (_, TrueExpression) => True,
            (FalseExpression, _) => right,
            (_, FalseExpression) => left,
            _ => new OrExpression(left, right),
        };
    }

    public static Expression Or(Expression first, params Expression[] rest)
    {
        ArgumentNullException.ThrowIfNull(rest);
        return rest.Aggregate(first, Or);
    }

    public static Expression Not(Expression child)
    {
        ArgumentNullException.ThrowIfNull(child);
        return child switch
        {
            TrueExpression => False,
            FalseExpression => True,
            NotExpression n => n.Child,
            _ => new NotExpression(child),
        };
    }

    public static Expression IsNull(string column) => new UnboundPredicate(Operation.IsNull, column, []);

    public static Expression NotNull(string column) => new UnboundPredicate(Operation.NotNull, column, []);

    public static Expression Equal(string column, object value) => Compare(Operation.Equal, column, value);

    public static Expression NotEqual(string column, object value) => Compare(Operation.NotEqual, column, value);

    public static Expression LessThan(string column, object value) => Compare(Operation.LessThan, column, value);

    public static Expression LessThanOrEqual(string column, object value) => Compare(Operation.LessThanOrEqual, column, value);

    public static Expression GreaterThan(string column, object value) => Compare(Operation.GreaterThan, column, value);

    public static Expression GreaterThanOrEqual(string column, object value) => Compare(Operation.GreaterThanOrEqual, column, value);

    /// <summary>The column equals one of the values; no values matches nothing.</summary>
    public static Expression In(string column, params object[] values) => SetPredicate(Operation.In, column, values);

    /// <summary>The column is non-null and equals none of the values.</summary>
    public static Expression NotIn(string column, params object[] values) => SetPredicate(Operation.NotIn, column, values);

    /// <summary>A predicate with the given operation; one literal for comparisons, any number for in/not in, none for null checks.</summary>
    public static Expression Predicate(Operation op, string column, params object[] literals)
    {
        ArgumentNullException.ThrowIfNull(literals);
        return op.IsUnary() ? new UnboundPredicate(op, column, [])
            : op.IsSet() ? SetPredicate(op, column, literals)
            : literals.Length == 1 ? Compare(op, column, literals[0])
            : throw new ArgumentException($"'{op.Symbol()}' takes exactly one literal, got {literals.Length}.", nameof(literals));
    }

    private static UnboundPredicate Compare(Operation op, string column, object value)
    {
        // SQL's "x = null" is never true; make the caller say what they mean.
        ArgumentNullException.ThrowIfNull(value, $"literal for '{column}' (use IsNull/NotNull to test for null)");
        return new UnboundPredicate(op, column, [value]);
    }

    private static Expression SetPredicate(Operation op, string column, object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Any(v => v is null))
        {
            throw new ArgumentException($"'{column} {op.Symbol()}' has a null literal; use IsNull/NotNull to test for null.", nameof(values));
        }

        if (values.Length == 0)
        {
            // in () matches nothing; not in () matches every non-null value.
            return op == Operation.In ? False : new UnboundPredicate(Operation.NotNull, column, []);
        }

        return new UnboundPredicate(op, column, values.ToArray());
    }
}
