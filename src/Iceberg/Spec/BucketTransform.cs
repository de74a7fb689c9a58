using System.Buffers.Binary;
using System.Text;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// <c>bucket[N]</c>: <c>(murmur3_x86_32(v) &amp; Integer.MAX_VALUE) % N</c>, with the per-type byte encodings of
/// spec Appendix B ("32-bit Hash Requirements"). Ints hash like longs so that promoting int to long keeps buckets.
/// </summary>
public sealed record BucketTransform : Transform
{
    public BucketTransform(int numBuckets)
    {
        if (numBuckets <= 0)
        {
            throw new FormatException($"bucket transform needs a positive number of buckets, got {numBuckets}.");
        }

        NumBuckets = numBuckets;
    }

    public int NumBuckets { get; }

    public override bool CanTransform(IcebergType sourceType) => sourceType.TypeId is TypeId.Int or TypeId.Long or TypeId.Decimal
        or TypeId.Date or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz or TypeId.String or TypeId.Uuid
        or TypeId.Fixed or TypeId.Binary;

    public override IcebergType ResultType(IcebergType sourceType) => PrimitiveType.Int;

    public override object? Apply(IcebergType sourceType, object? value) =>
        value is null ? null : (Hash(sourceType, value) & int.MaxValue) % NumBuckets;

    public override bool PreservesOrder => false;

    /// <summary>The spec's 32-bit hash of a value (before masking and modulo), exposed for the Appendix B test vectors.</summary>
    public static int Hash(IcebergType sourceType, object value)
    {
        ArgumentNullException.ThrowIfNull(sourceType);
        ArgumentNullException.ThrowIfNull(value);
        return sourceType.TypeId switch
        {
            TypeId.Int or TypeId.Long => HashLong(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
            TypeId.Date => HashLong(Conversions.ToEpochDays((DateOnly)value)),
            TypeId.Time => HashLong(Conversions.ToMicrosOfDay((TimeOnly)value)),
            TypeId.Timestamp => HashLong(Conversions.ToEpochMicros((DateTime)value)),
            TypeId.TimestampTz => HashLong(Conversions.ToEpochMicros((DateTimeOffset)value)),
            TypeId.String => Murmur3.Hash32(Encoding.UTF8.GetBytes((string)value)),
            TypeId.Uuid => Murmur3.Hash32(((Guid)value).ToByteArray(bigEndian: true)),
            TypeId.Fixed or TypeId.Binary => Murmur3.Hash32((byte[])value),
            // Minimal two's-complement big-endian bytes of the unscaled value, as Java's BigInteger.toByteArray().
            TypeId.Decimal => Murmur3.Hash32(Conversions.UnscaledValue((decimal)value, ((DecimalType)sourceType).Scale)
                .ToByteArray(isUnsigned: false, isBigEndian: true)),
            _ => throw new NotSupportedException($"bucket cannot hash values of type {sourceType}."),
        };
    }

    private static int HashLong(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return Murmur3.Hash32(bytes);
    }

    public override string ToString() => $"bucket[{NumBuckets}]";
}
