namespace OrleansMaestro.Iceberg.Spec;

/// <summary>Equality of Iceberg values in their .NET representation; byte arrays compare by content.</summary>
public static class ValueEquality
{
    public static bool AreEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        _ => a.Equals(b),
    };

    public static int GetHashCode(object? value) => value switch
    {
        null => 0,
        byte[] b => b.Length == 0 ? 1 : HashCode.Combine(b.Length, b[0], b[^1]),
        _ => value.GetHashCode(),
    };
}
