using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>Orders Iceberg primitive values the way the spec's bounds do (strings by code point, bytes unsigned).</summary>
internal static class IcebergValueComparer
{
    public static int Compare(PrimitiveType type, object a, object b) => type.TypeId switch
    {
        TypeId.String => CompareCodePoints((string)a, (string)b),
        TypeId.Fixed or TypeId.Binary => ((byte[])a).AsSpan().SequenceCompareTo((byte[])b),
        // Guid.CompareTo does not follow the big-endian byte order the bounds are serialized in.
        TypeId.Uuid => ((Guid)a).ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(((Guid)b).ToByteArray(bigEndian: true)),
        _ => ((IComparable)a).CompareTo(b),
    };

    /// <summary>Ordinal UTF-16 order differs from code point order only for surrogates vs U+E000..U+FFFF; fix those up.</summary>
    private static int CompareCodePoints(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x != y)
            {
                return FixUp(x) - FixUp(y);
            }
        }

        return a.Length - b.Length;
    }

    private static int FixUp(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
}
