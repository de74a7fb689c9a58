namespace OrleansMaestro.Iceberg.Spec;

/// <summary><c>decimal(P,S)</c>: fixed-point with precision P (at most 38) and scale S.</summary>
public sealed record DecimalType : PrimitiveType
{
    public DecimalType(int precision, int scale) : base(TypeId.Decimal)
    {
        if (precision is < 1 or > 38)
        {
            throw new FormatException($"decimal precision must be between 1 and 38, got {precision}.");
        }

        if (scale < 0 || scale > precision)
        {
            throw new FormatException($"decimal scale must be between 0 and the precision {precision}, got {scale}.");
        }

        Precision = precision;
        Scale = scale;
    }

    public int Precision { get; }

    public int Scale { get; }

    public override string ToString() => $"decimal({Precision},{Scale})";
}
