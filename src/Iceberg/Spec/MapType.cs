namespace OrleansMaestro.Iceberg.Spec;

/// <summary>A map; key and value have their own field ids; keys are always required.</summary>
public sealed record MapType(int KeyId, IcebergType KeyType, int ValueId, IcebergType ValueType, bool ValueRequired) : IcebergType
{
    public override TypeId TypeId => TypeId.Map;

    public NestedField KeyField => new(KeyId, "key", KeyType, true);

    public NestedField ValueField => new(ValueId, "value", ValueType, ValueRequired);

    public override string ToString() => $"map<{KeyType}, {ValueType}>";
}
