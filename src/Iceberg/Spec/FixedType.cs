namespace OrleansMaestro.Iceberg.Spec;

/// <summary><c>fixed[L]</c>: a byte array of exactly L bytes.</summary>
public sealed record FixedType : PrimitiveType
{
    public FixedType(int length) : base(TypeId.Fixed)
    {
        if (length < 1)
        {
            throw new FormatException($"fixed length must be positive, got {length}.");
        }

        Length = length;
    }

    public int Length { get; }

    public override string ToString() => $"fixed[{Length}]";
}
