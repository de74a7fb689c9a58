namespace OrleansMaestro.Iceberg.Avro;

/// <summary>A generic Avro record: field values by field name, so readers can address any writer's field order.</summary>
internal sealed class AvroRecord
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public object? this[string name]
    {
        get => _values.GetValueOrDefault(name);
        set => _values[name] = value;
    }

    public bool Has(string name) => _values.ContainsKey(name);
}
