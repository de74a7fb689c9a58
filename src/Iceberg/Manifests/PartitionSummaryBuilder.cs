using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Manifests;

/// <summary>Accumulates one partition field's <c>field_summary</c> (spec: "Manifest Lists", field 507) over a manifest's entries.</summary>
internal sealed class PartitionSummaryBuilder
{
    private readonly PrimitiveType _type;
    private bool _containsNull;
    private bool _containsNan;
    private object? _min;
    private object? _max;

    public PartitionSummaryBuilder(PrimitiveType type)
    {
        _type = type;
    }

    public void Update(object? value)
    {
        switch (value)
        {
            case null:
                _containsNull = true;
                return;
            case float f when float.IsNaN(f):
            case double d when double.IsNaN(d):
                // NaN is tracked by contains_nan and never becomes a bound (spec: "Manifest Lists").
                _containsNan = true;
                return;
        }

        if (_min is null || ValueComparer.Compare(_type, value, _min) < 0)
        {
            _min = value;
        }

        if (_max is null || ValueComparer.Compare(_type, value, _max) > 0)
        {
            _max = value;
        }
    }

    public FieldSummary ToSummary() => new(
        _containsNull,
        _type.TypeId is TypeId.Float or TypeId.Double ? _containsNan : null,
        _min is null ? null : Conversions.ToBytes(_type, _min),
        _max is null ? null : Conversions.ToBytes(_type, _max));
}
