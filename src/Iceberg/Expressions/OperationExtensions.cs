namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>Properties of <see cref="Operation"/> shared by the predicates, evaluators and projections.</summary>
internal static class OperationExtensions
{
    public static bool IsUnary(this Operation op) => op is Operation.IsNull or Operation.NotNull;

    public static bool IsSet(this Operation op) => op is Operation.In or Operation.NotIn;

    /// <summary>The operation matching exactly the rows (with a non-null value) the given one does not.</summary>
    public static Operation Negate(this Operation op) => op switch
    {
        Operation.IsNull => Operation.NotNull,
        Operation.NotNull => Operation.IsNull,
        Operation.Equal => Operation.NotEqual,
        Operation.NotEqual => Operation.Equal,
        Operation.LessThan => Operation.GreaterThanOrEqual,
        Operation.LessThanOrEqual => Operation.GreaterThan,
        Operation.GreaterThan => Operation.LessThanOrEqual,
        Operation.GreaterThanOrEqual => Operation.LessThan,
        Operation.In => Operation.NotIn,
        Operation.NotIn => Operation.In,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static string Symbol(this Operation op) => op switch
    {
        Operation.IsNull => "is null",
        Operation.NotNull => "is not null",
        Operation.Equal => "=",
        Operation.NotEqual => "!=",
        Operation.LessThan => "<",
        Operation.LessThanOrEqual => "<=",
        Operation.GreaterThan => ">",
        Operation.GreaterThanOrEqual => ">=",
        Operation.In => "in",
        Operation.NotIn => "not in",
        _ => op.ToString(),
    };

    /// <summary>The predicate as text, e.g. <c>id &gt; 5</c>, <c>c in ('a', 'b')</c>, <c>x is null</c>.</summary>
    public static string Describe(this Operation op, string column, IReadOnlyList<object> literals) =>
        op.IsUnary() ? $"{column} {op.Symbol()}"
        : op.IsSet() ? $"{column} {op.Symbol()} ({string.Join(", ", literals.Select(LiteralText.Format))})"
        : $"{column} {op.Symbol()} {LiteralText.Format(literals[0])}";
}
