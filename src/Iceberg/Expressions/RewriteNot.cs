namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>
/// Pushes <see cref="NotExpression"/> down to the predicates (negation normal form). Pruning is only sound on
/// this form: "may match" of a child says nothing about "may match" of its negation.
/// </summary>
internal static class RewriteNot
{
    public static Expression Apply(Expression expression) => expression switch
    {
        NotExpression n => n.Child.Negate(),
        AndExpression a => Expression.And(Apply(a.Left), Apply(a.Right)),
        OrExpression o => Expression.Or(Apply(o.Left), Apply(o.Right)),
        _ => expression,
    };
}
