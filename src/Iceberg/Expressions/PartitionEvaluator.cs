using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>
/// Whether a file's partition tuple may hold rows matching a row filter, by evaluating the filter's
/// <see cref="InclusiveProjection"/> on the tuple (one slot per field of the spec, in order).
/// </summary>
public sealed class PartitionEvaluator
{
    private readonly PartitionSpec _spec;
    private readonly Dictionary<int, int> _slotOfFieldId;
    private readonly RowEvaluator _evaluator;

    public PartitionEvaluator(Schema schema, PartitionSpec spec, Expression filter)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        Projected = InclusiveProjection.Project(schema, spec, filter);
        _slotOfFieldId = spec.Fields.Select((f, i) => (f.FieldId, i)).ToDictionary(p => p.FieldId, p => p.i);
        _evaluator = new RowEvaluator(Projected);
    }

    /// <summary>The filter projected onto the partition fields.</summary>
    public Expression Projected { get; }

    public bool MayMatch(StructValue partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (partition.Count != _spec.Fields.Count)
        {
            throw new ArgumentException($"Partition tuple {partition} has {partition.Count} values but spec {_spec.SpecId} has {_spec.Fields.Count} fields.", nameof(partition));
        }

        return _evaluator.Matches(id => partition[_slotOfFieldId[id]]);
    }

    public bool MayMatch(DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.SpecId != _spec.SpecId)
        {
            throw new ArgumentException($"File {file.FilePath} was written with partition spec {file.SpecId}, this evaluator is for spec {_spec.SpecId}.", nameof(file));
        }

        return MayMatch(file.Partition);
    }
}
