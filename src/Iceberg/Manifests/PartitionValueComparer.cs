namespace OrleansMaestro.Iceberg.Manifests;

/// <summary>
/// Orders primitive partition values for the manifest list's lower/upper bounds. Strings compare ordinally, byte
/// arrays and UUIDs as unsigned bytes (big-endian), everything else by its natural order.
/// TODO(merge): replace with the shared ValueComparer.
/// </summary>
internal sealed class PartitionValueComparer : IComparer<object>
{
    public static readonly PartitionValueComparer Instance = new();

    public int Compare(object? x, object? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string a, string b) => string.CompareOrdinal(a, b),
        (byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b),
        (Guid a, Guid b) => a.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(b.ToByteArray(bigEndian: true)),
        (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks.CompareTo(b.UtcTicks),
        (IComparable a, _) => a.CompareTo(y),
        _ => throw new NotSupportedException($"Cannot order partition values of type {x.GetType()}."),
    };
}
