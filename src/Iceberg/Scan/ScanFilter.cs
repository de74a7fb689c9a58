using OrleansMaestro.Iceberg.Expressions;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Scan;

/// <summary>
/// A scan's row filter bound to the table's current schema, and the pruning it allows: manifests by their partition
/// summaries, files by partition values and column bounds (one evaluator per partition spec), rows by value.
/// </summary>
internal sealed class ScanFilter
{
    public static readonly ScanFilter None = new(null, null);

    private readonly TableMetadata? _metadata;
    private readonly Expression? _bound;
    private readonly MetricsEvaluator? _metrics;
    private readonly RowEvaluator? _rows;
    private readonly Dictionary<int, (ManifestEvaluator Manifests, PartitionEvaluator Partitions)> _bySpec = [];

    private ScanFilter(TableMetadata? metadata, Expression? bound)
    {
        _metadata = metadata;
        _bound = bound;
        if (metadata is not null && bound is not null)
        {
            _metrics = new MetricsEvaluator(metadata.CurrentSchema, bound);
            _rows = new RowEvaluator(metadata.CurrentSchema, bound);
        }
    }

    /// <summary>Binds the filter to the table's current schema; throws <see cref="ExpressionBindingException"/> naming a bad column or literal.</summary>
    public static ScanFilter For(TableMetadata metadata, Expression filter)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(filter);
        return filter is TrueExpression ? None : new ScanFilter(metadata, filter.Bind(metadata.CurrentSchema));
    }

    /// <summary>True when there is no filter: every manifest, file and row matches.</summary>
    public bool IsNone => _bound is null;

    public bool MayMatch(ManifestFile manifest) => _bound is null || Evaluators(manifest.PartitionSpecId).Manifests.MayMatch(manifest);

    public bool MayMatch(DataFile file) =>
        _bound is null || (Evaluators(file.SpecId).Partitions.MayMatch(file) && _metrics!.MayMatch(file));

    public bool Matches(Func<int, object?> valueOfField) => _rows is null || _rows.Matches(valueOfField);

    private (ManifestEvaluator Manifests, PartitionEvaluator Partitions) Evaluators(int specId)
    {
        lock (_bySpec)
        {
            if (!_bySpec.TryGetValue(specId, out var evaluators))
            {
                var spec = _metadata!.SpecById(specId);
                evaluators = (new ManifestEvaluator(_metadata.CurrentSchema, spec, _bound!), new PartitionEvaluator(_metadata.CurrentSchema, spec, _bound!));
                _bySpec[specId] = evaluators;
            }

            return evaluators;
        }
    }
}
