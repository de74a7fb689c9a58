using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>
/// The deleted keys of equality delete files: each key holds the values of <see cref="FieldIds"/> in that order.
/// A data row is deleted when its values for those ids equal a key (nulls equal nulls, as the spec says).
/// </summary>
public sealed class EqualityDeletes
{
    private readonly HashSet<StructValue> _keys;

    public EqualityDeletes(IReadOnlyList<int> fieldIds, IEnumerable<StructValue> keys)
    {
        ArgumentNullException.ThrowIfNull(fieldIds);
        ArgumentNullException.ThrowIfNull(keys);
        FieldIds = fieldIds.ToArray();
        Keys = keys.ToArray();
        _keys = [.. Keys];
    }

    public IReadOnlyList<int> FieldIds { get; }

    public IReadOnlyList<StructValue> Keys { get; }

    public bool Contains(StructValue key) => _keys.Contains(key);
}
