namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// An Iceberg data type. Values are represented in .NET as: boolean=bool, int=int, long=long, float=float,
/// double=double, decimal=decimal, date=DateOnly, time=TimeOnly, timestamp=DateTime (Kind Unspecified),
/// timestamptz=DateTimeOffset (UTC), string=string, uuid=Guid, fixed/binary=byte[],
/// struct=<see cref="StructValue"/>, list=IReadOnlyList&lt;object?&gt;, map=IReadOnlyList&lt;KeyValuePair&lt;object, object?&gt;&gt;.
/// </summary>
public abstract record IcebergType
{
    public abstract TypeId TypeId { get; }

    public bool IsPrimitive => this is PrimitiveType;

    public bool IsNested => !IsPrimitive;

    public PrimitiveType AsPrimitive() =>
        this as PrimitiveType ?? throw new InvalidOperationException($"{this} is not a primitive type.");

    public StructType AsStruct() =>
        this as StructType ?? throw new InvalidOperationException($"{this} is not a struct type.");
}
