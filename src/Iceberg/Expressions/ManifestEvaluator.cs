using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>
/// Whether a manifest may list files with rows matching a row filter, from the manifest list's partition field
/// summaries (spec: "Manifest Lists", field 507): the filter's <see cref="InclusiveProjection"/> is checked
/// against each partition field's contains_null flag and lower/upper bounds (decoded with the field's result type).
/// Conservative: missing summaries mean "may match".
/// </summary>
public sealed class ManifestEvaluator
{
    private readonly PartitionSpec _spec;
    private readonly Dictionary<int, int> _slotOfFieldId;
    private readonly Expression _projected;

    public ManifestEvaluator(Schema schema, PartitionSpec spec, Expression filter)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _projected = InclusiveProjection.Project(schema, spec, filter);
        _slotOfFieldId = spec.Fields.Select((f, i) => (f.FieldId, i)).ToDictionary(p => p.FieldId, p => p.i);
    }

    public bool MayMatch(ManifestFile manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.PartitionSpecId != _spec.SpecId)
        {
            throw new ArgumentException($"Manifest {manifest.ManifestPath} uses partition spec {manifest.PartitionSpecId}, this evaluator is for spec {_spec.SpecId}.", nameof(manifest));
        }

        if (manifest.Partitions is not { } summaries || summaries.Count != _spec.Fields.Count)
        {
            return true;
        }

        return Eval(_projected, summaries);
    }

    private bool Eval(Expression e, IReadOnlyList<FieldSummary> summaries) => e switch
    {
        TrueExpression => true,
        FalseExpression => false,
        AndExpression a => Eval(a.Left, summaries) && Eval(a.Right, summaries),
        OrExpression o => Eval(o.Left, summaries) || Eval(o.Right, summaries),
        BoundPredicate p => MayMatch(p, summaries[_slotOfFieldId[p.Ref.FieldId]]),
        _ => throw new InvalidOperationException($"Cannot evaluate '{e}': it is not bound."),
    };

    private static bool MayMatch(BoundPredicate p, FieldSummary summary)
    {
        // No bounds while nulls are present (and no NaNs) means every partition value is null.
        var allNull = summary.ContainsNull && summary.LowerBound is null && summary.UpperBound is null && summary.ContainsNan != true;
        return p.Op switch
        {
            Operation.IsNull => summary.ContainsNull,
            Operation.NotNull => !allNull,
            _ when allNull => false,
            Operation.NotEqual or Operation.NotIn => true,
            _ => MetricsEvaluator.BoundsMayMatch(p, MetricsEvaluator.Decode(p.Ref.Type, summary.LowerBound), MetricsEvaluator.Decode(p.Ref.Type, summary.UpperBound)),
        };
    }
}
