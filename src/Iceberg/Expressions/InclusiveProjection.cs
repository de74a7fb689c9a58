using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>
/// Projects a row filter onto a partition spec's fields (spec: "Scan Planning": inclusive projection): the
/// result matches the partition tuple of every file that may hold a matching row. Identity keeps the predicate;
/// bucket keeps only = and in (on the hashed literals); order-preserving transforms (truncate, year, month, day,
/// hour) turn ranges into inclusive ranges of transformed literals (<c>ts &lt; X</c> becomes <c>day(ts) &lt;= day(X)</c>).
/// Anything else projects to true. Projected predicates reference partition field ids and result types.
/// </summary>
public static class InclusiveProjection
{
    public static Expression Project(Schema schema, PartitionSpec spec, Expression filter)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(filter);
        return Visit(RewriteNot.Apply(filter.Bind(schema)), spec);
    }

    private static Expression Visit(Expression e, PartitionSpec spec) => e switch
    {
        AndExpression a => Expression.And(Visit(a.Left, spec), Visit(a.Right, spec)),
        OrExpression o => Expression.Or(Visit(o.Left, spec), Visit(o.Right, spec)),
        // Several partition fields may come from one column (e.g. bucket and day of ts): each constrains it.
        BoundPredicate p => spec.Fields.Where(f => f.SourceId == p.Ref.FieldId)
            .Aggregate(Expression.True, (acc, f) => Expression.And(acc, ProjectOne(p, f))),
        _ => e,
    };

    private static Expression ProjectOne(BoundPredicate p, PartitionField field)
    {
        var transform = field.Transform;
        if (transform is VoidTransform or UnknownTransform || !transform.CanTransform(p.Ref.Type)
            || transform.ResultType(p.Ref.Type) is not PrimitiveType resultType)
        {
            return Expression.True;
        }

        var target = new BoundReference(field.FieldId, field.Name, resultType);
        if (transform is IdentityTransform)
        {
            return new BoundPredicate(p.Op, target, p.Literals);
        }

        // Every other transform maps null to null and non-null to non-null.
        if (p.Op.IsUnary())
        {
            return new BoundPredicate(p.Op, target, []);
        }

        object Apply(object literal) => transform.Apply(p.Ref.Type, literal)!;
        if (transform is BucketTransform)
        {
            return p.Op switch
            {
                Operation.Equal => new BoundPredicate(Operation.Equal, target, [Apply(p.Literal)]),
                Operation.In => new BoundPredicate(Operation.In, target, p.Literals.Select(Apply).Distinct().ToArray()),
                _ => Expression.True,
            };
        }

        if (!transform.PreservesOrder)
        {
            return Expression.True;
        }

        // f is monotonic, so x < X implies f(x) <= f(X) (not <: values below X can share X's partition).
        // For discrete types x < X is x <= X - 1, which is tighter: ts < 2024-01-02T00:00 skips day 2024-01-02.
        return p.Op switch
        {
            Operation.LessThan => new BoundPredicate(Operation.LessThanOrEqual, target, [Apply(Step(p.Ref.Type, p.Literal, -1) ?? p.Literal)]),
            Operation.LessThanOrEqual => new BoundPredicate(Operation.LessThanOrEqual, target, [Apply(p.Literal)]),
            Operation.GreaterThan => new BoundPredicate(Operation.GreaterThanOrEqual, target, [Apply(Step(p.Ref.Type, p.Literal, 1) ?? p.Literal)]),
            Operation.GreaterThanOrEqual => new BoundPredicate(Operation.GreaterThanOrEqual, target, [Apply(p.Literal)]),
            Operation.Equal => new BoundPredicate(Operation.Equal, target, [Apply(p.Literal)]),
            Operation.In => new BoundPredicate(Operation.In, target, p.Literals.Select(Apply).ToArray()),
            _ => Expression.True, // x != X says nothing about f(x)
        };
    }

    /// <summary>The next (+1) or previous (-1) value of a discrete type, or null when there is none or the type is not discrete.</summary>
    private static object? Step(PrimitiveType type, object value, int direction) => type.TypeId switch
    {
        TypeId.Int when (int)value != (direction < 0 ? int.MinValue : int.MaxValue) => (int)value + direction,
        TypeId.Long when (long)value != (direction < 0 ? long.MinValue : long.MaxValue) => (long)value + direction,
        TypeId.Date when (DateOnly)value != (direction < 0 ? DateOnly.MinValue : DateOnly.MaxValue) => ((DateOnly)value).AddDays(direction),
        // Stored timestamps have microsecond precision; only step literals that do too.
        TypeId.Timestamp when ((DateTime)value).Ticks % TimeSpan.TicksPerMicrosecond == 0
            && (DateTime)value > DateTime.MinValue && (DateTime)value < DateTime.MaxValue => ((DateTime)value).AddTicks(direction * TimeSpan.TicksPerMicrosecond),
        TypeId.TimestampTz when ((DateTimeOffset)value).Ticks % TimeSpan.TicksPerMicrosecond == 0
            && (DateTimeOffset)value > DateTimeOffset.MinValue && (DateTimeOffset)value < DateTimeOffset.MaxValue => ((DateTimeOffset)value).AddTicks(direction * TimeSpan.TicksPerMicrosecond),
        _ => null,
    };
}
