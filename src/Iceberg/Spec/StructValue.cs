namespace OrleansMaestro.Iceberg.Spec;

/// <summary>A value of a struct type: one slot per field, in field order.</summary>
public sealed class StructValue : IEquatable<StructValue>
{
    private readonly object?[] _values;

    public StructValue(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    public int Count => _values.Length;

    public object? this[int index]
    {
        get => _values[index];
        set => _values[index] = value;
    }

    public IReadOnlyList<object?> Values => _values;

    public bool Equals(StructValue? other) =>
        other is not null && _values.Length == other._values.Length
        && _values.Zip(other._values).All(p => ValueEquality.AreEqual(p.First, p.Second));

    public override bool Equals(object? obj) => obj is StructValue s && Equals(s);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var v in _values)
        {
            hash.Add(ValueEquality.GetHashCode(v));
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "{" + string.Join(", ", _values.Select(v => v switch
    {
        null => "null",
        byte[] b => Convert.ToHexString(b),
        _ => v.ToString(),
    })) + "}";
}
