using System.Globalization;
using System.Numerics;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// Orders non-null values of a primitive type as Iceberg does for bounds and pruning (spec: "Scan Planning",
/// and appendix D for the ordering bounds are written in): strings by Unicode code point (= UTF-8 byte order,
/// not .NET's UTF-16 ordinal), binary/fixed as unsigned bytes, uuids as unsigned big-endian bytes, and
/// floats as Java's <c>Double.compare</c>: <c>-Infinity &lt; ... &lt; -0 &lt; 0 &lt; ... &lt; Infinity &lt; NaN</c>, all NaNs equal.
/// </summary>
public static class ValueComparer
{
    /// <summary>A comparer for values of the given type.</summary>
    public static IComparer<object> For(PrimitiveType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Comparer<object>.Create((a, b) => Compare(type, a, b));
    }

    /// <summary>Compares two non-null values of <paramref name="type"/>; negative, zero or positive.</summary>
    public static int Compare(PrimitiveType type, object left, object right)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return type.TypeId switch
        {
            TypeId.Boolean => ((bool)left).CompareTo((bool)right),
            // Long and double accept int and float too: bounds of promoted columns decode to the narrower type.
            TypeId.Int or TypeId.Long => ToLong(left).CompareTo(ToLong(right)),
            TypeId.Float or TypeId.Double => CompareDoubles(ToDouble(left), ToDouble(right)),
            TypeId.Decimal => ((decimal)left).CompareTo((decimal)right),
            TypeId.Date => ((DateOnly)left).CompareTo((DateOnly)right),
            TypeId.Time => ((TimeOnly)left).CompareTo((TimeOnly)right),
            TypeId.Timestamp => ((DateTime)left).Ticks.CompareTo(((DateTime)right).Ticks),
            TypeId.TimestampTz => ((DateTimeOffset)left).UtcTicks.CompareTo(((DateTimeOffset)right).UtcTicks),
            TypeId.String => CompareStrings((string)left, (string)right),
            TypeId.Uuid => CompareBytes(((Guid)left).ToByteArray(bigEndian: true), ((Guid)right).ToByteArray(bigEndian: true)),
            TypeId.Fixed or TypeId.Binary => CompareBytes((byte[])left, (byte[])right),
            _ => throw new NotSupportedException($"Values of type {type} are not ordered."),
        };
    }

    /// <summary>Compares strings by Unicode code point, which is also the order of their UTF-8 bytes.</summary>
    public static int CompareStrings(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var n = Math.Min(left.Length, right.Length);
        for (var i = 0; i < n; i++)
        {
            var a = left[i];
            var b = right[i];
            if (a != b)
            {
                // UTF-16 ordinal order puts surrogates (U+D800-DFFF, i.e. code points >= U+10000) before U+E000-FFFF;
                // shifting the two ranges restores code point order (the ICU "code point order" fix-up).
                return CodePointOrderKey(a).CompareTo(CodePointOrderKey(b));
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    /// <summary>Unsigned lexicographic comparison; a proper prefix sorts first.</summary>
    public static int CompareBytes(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    private static int CodePointOrderKey(char c) => c >= '\uE000' ? c - 0x800 : c >= '\uD800' ? c + 0x2000 : c;

    private static int CompareDoubles(double a, double b)
    {
        // Any NaN sorts last regardless of its sign bit: .NET's double.NaN has the sign bit set, so the raw
        // IEEE total order would put it first.
        if (double.IsNaN(a))
        {
            return double.IsNaN(b) ? 0 : 1;
        }

        return double.IsNaN(b) ? -1 : TotalOrderKey(a).CompareTo(TotalOrderKey(b));
    }

    // IEEE 754 totalOrder: flipping the magnitude bits of negatives makes the signed bit patterns sort numerically.
    private static long TotalOrderKey(double d)
    {
        var bits = BitConverter.DoubleToInt64Bits(d);
        return bits < 0 ? bits ^ long.MaxValue : bits;
    }

    private static long ToLong(object v) => v switch
    {
        long l => l,
        int i => i,
        BigInteger b => (long)b,
        _ => Convert.ToInt64(v, CultureInfo.InvariantCulture),
    };

    private static double ToDouble(object v) => v switch
    {
        double d => d,
        float f => f,
        _ => Convert.ToDouble(v, CultureInfo.InvariantCulture),
    };
}
