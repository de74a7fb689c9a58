using System.Numerics;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// <c>truncate[W]</c> (spec: "Truncate Transform Details"): ints/longs/decimals round down to a multiple of W
/// (<c>v - (((v % W) + W) % W)</c>, so negatives go toward negative infinity), strings keep their first W code
/// points (never splitting a surrogate pair) and binary keeps its first W bytes.
/// </summary>
public sealed record TruncateTransform : Transform
{
    public TruncateTransform(int width)
    {
        if (width <= 0)
        {
            throw new FormatException($"truncate transform needs a positive width, got {width}.");
        }

        Width = width;
    }

    public int Width { get; }

    public override bool CanTransform(IcebergType sourceType) =>
        sourceType.TypeId is TypeId.Int or TypeId.Long or TypeId.Decimal or TypeId.String or TypeId.Binary;

    public override IcebergType ResultType(IcebergType sourceType) => sourceType;

    public override object? Apply(IcebergType sourceType, object? value)
    {
        ArgumentNullException.ThrowIfNull(sourceType);
        if (value is null)
        {
            return null;
        }

        switch (sourceType.TypeId)
        {
            case TypeId.Int:
                {
                    var v = (int)value;
                    return v - (((v % Width) + Width) % Width);
                }

            case TypeId.Long:
                {
                    var v = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                    return v - (((v % Width) + Width) % Width);
                }

            case TypeId.Decimal:
                {
                    // The spec truncates the unscaled value, so the width is in units of the last decimal digit.
                    var scale = ((DecimalType)sourceType).Scale;
                    var unscaled = Conversions.UnscaledValue((decimal)value, scale);
                    var w = new BigInteger(Width);
                    return Conversions.DecimalFromUnscaled(unscaled - (((unscaled % w) + w) % w), scale);
                }

            case TypeId.String:
                return TruncateCodePoints((string)value, Width);
            case TypeId.Binary:
                {
                    var bytes = (byte[])value;
                    return bytes.Length <= Width ? bytes : bytes[..Width];
                }

            default:
                throw new NotSupportedException($"truncate cannot be applied to values of type {sourceType}.");
        }
    }

    public override bool PreservesOrder => true;

    public override string ToString() => $"truncate[{Width}]";

    /// <summary>The first <paramref name="codePoints"/> Unicode code points (not UTF-16 units) of a string.</summary>
    internal static string TruncateCodePoints(string value, int codePoints)
    {
        var index = 0;
        for (var count = 0; count < codePoints && index < value.Length; count++)
        {
            index += char.IsHighSurrogate(value[index]) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]) ? 2 : 1;
        }

        return index == value.Length ? value : value[..index];
    }
}
