using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>
/// Whether a data file may contain rows matching a filter, from its column metrics: value and null counts and
/// lower/upper bounds (spec: "Scan Planning", "Manifests" fields 108-128). Conservative: missing metrics mean
/// "may match"; only a false answer is certain. Bounds never include NaN (spec), and NaN fails comparisons.
/// </summary>
public sealed class MetricsEvaluator
{
    private readonly Expression _expression;

    public MetricsEvaluator(Schema schema, Expression filter)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(filter);
        _expression = RewriteNot.Apply(filter.Bind(schema));
    }

    public bool MayMatch(DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);

        // An empty file has no rows to match; a negative count (unknown, in some v1 writers) proves nothing.
        return file.RecordCount != 0 && Eval(_expression, file);
    }

    private static bool Eval(Expression e, DataFile file) => e switch
    {
        TrueExpression => true,
        FalseExpression => false,
        AndExpression a => Eval(a.Left, file) && Eval(a.Right, file),
        OrExpression o => Eval(o.Left, file) || Eval(o.Right, file),
        BoundPredicate p => MayMatch(p, file),
        _ => throw new InvalidOperationException($"Cannot evaluate '{e}': it is not bound."),
    };

    private static bool MayMatch(BoundPredicate p, DataFile file)
    {
        var id = p.Ref.FieldId;
        long? valueCount = file.ValueCounts is { } vc && vc.TryGetValue(id, out var v) ? v : null;
        long? nullCount = file.NullValueCounts is { } nc && nc.TryGetValue(id, out var n) ? n : null;

        // Value counts include nulls (spec field 109), so equal counts mean every value is null.
        var allNull = valueCount is { } values && nullCount is { } nulls && values == nulls;
        switch (p.Op)
        {
            case Operation.IsNull:
                return nullCount is not 0;
            case Operation.NotNull:
                return !allNull;
        }

        if (allNull)
        {
            return false; // null fails every comparison
        }

        if (p.Op is Operation.NotEqual or Operation.NotIn)
        {
            return true; // bounds cannot prove that every value equals the literal(s)
        }

        var lower = Bound(file.LowerBounds, p.Ref);
        var upper = Bound(file.UpperBounds, p.Ref);
        return BoundsMayMatch(p, lower, upper);
    }

    /// <summary>Whether a value in [lower, upper] (a null bound being unknown) may satisfy a comparison or in.</summary>
    internal static bool BoundsMayMatch(BoundPredicate p, object? lower, object? upper)
    {
        var type = p.Ref.Type;
        int Cmp(object a, object b) => ValueComparer.Compare(type, a, b);
        return p.Op switch
        {
            Operation.LessThan => lower is null || Cmp(lower, p.Literal) < 0,
            Operation.LessThanOrEqual => lower is null || Cmp(lower, p.Literal) <= 0,
            Operation.GreaterThan => upper is null || Cmp(upper, p.Literal) > 0,
            Operation.GreaterThanOrEqual => upper is null || Cmp(upper, p.Literal) >= 0,
            Operation.Equal => (lower is null || Cmp(lower, p.Literal) <= 0) && (upper is null || Cmp(upper, p.Literal) >= 0),
            Operation.In => p.Literals.Any(l => (lower is null || Cmp(lower, l) <= 0) && (upper is null || Cmp(upper, l) >= 0)),
            _ => true,
        };
    }

    /// <summary>A decoded bound, or null when absent or unusable (NaN from old writers).</summary>
    internal static object? Decode(PrimitiveType type, byte[]? bytes)
    {
        if (bytes is null)
        {
            return null;
        }

        var value = Conversions.FromBytes(type, bytes);
        return value is double.NaN or float.NaN ? null : value;
    }

    private static object? Bound(IReadOnlyDictionary<int, byte[]>? bounds, BoundReference reference) =>
        bounds is not null && bounds.TryGetValue(reference.FieldId, out var bytes) ? Decode(reference.Type, bytes) : null;
}
