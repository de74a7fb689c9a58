using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>
/// Single-value binary serialization (spec appendix D: "Binary single-value serialization"), used for
/// manifest lower/upper bounds and partition field summaries. Also the day/microsecond conversions the
/// spec uses for date, time and timestamp values.
/// </summary>
public static class Conversions
{
    private static readonly DateOnly EpochDate = new(1970, 1, 1);

    public static byte[] ToBytes(PrimitiveType type, object value)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                return [(bool)value ? (byte)1 : (byte)0];
            case TypeId.Int:
                return Int32Bytes((int)value);
            case TypeId.Date:
                return Int32Bytes(ToEpochDays((DateOnly)value));
            case TypeId.Long:
                return Int64Bytes((long)value);
            case TypeId.Time:
                return Int64Bytes(ToMicrosOfDay((TimeOnly)value));
            case TypeId.Timestamp:
                return Int64Bytes(ToEpochMicros((DateTime)value));
            case TypeId.TimestampTz:
                return Int64Bytes(ToEpochMicros((DateTimeOffset)value));
            case TypeId.Float:
                {
                    var b = new byte[4];
                    BinaryPrimitives.WriteSingleLittleEndian(b, (float)value);
                    return b;
                }

            case TypeId.Double:
                {
                    var b = new byte[8];
                    BinaryPrimitives.WriteDoubleLittleEndian(b, (double)value);
                    return b;
                }

            case TypeId.String:
                return Encoding.UTF8.GetBytes((string)value);
            case TypeId.Uuid:
                return ((Guid)value).ToByteArray(bigEndian: true);
            case TypeId.Fixed:
            case TypeId.Binary:
                return (byte[])value;
            case TypeId.Decimal:
                return UnscaledValue((decimal)value, ((DecimalType)type).Scale).ToByteArray(isUnsigned: false, isBigEndian: true);
            default:
                throw new NotSupportedException($"No single-value serialization for type {type}.");
        }
    }

    public static object FromBytes(PrimitiveType type, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(bytes);
        return type.TypeId switch
        {
            TypeId.Boolean => bytes[0] != 0,
            TypeId.Int => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            TypeId.Date => FromEpochDays(BinaryPrimitives.ReadInt32LittleEndian(bytes)),
            // A v1 table may have promoted int -> long with 4-byte bounds left in old manifests.
            TypeId.Long => bytes.Length == 4 ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes),
            TypeId.Time => FromMicrosOfDay(BinaryPrimitives.ReadInt64LittleEndian(bytes)),
            TypeId.Timestamp => TimestampFromEpochMicros(BinaryPrimitives.ReadInt64LittleEndian(bytes)),
            TypeId.TimestampTz => TimestampTzFromEpochMicros(BinaryPrimitives.ReadInt64LittleEndian(bytes)),
            TypeId.Float => BinaryPrimitives.ReadSingleLittleEndian(bytes),
            TypeId.Double => bytes.Length == 4 ? BinaryPrimitives.ReadSingleLittleEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            TypeId.String => Encoding.UTF8.GetString(bytes),
            TypeId.Uuid => new Guid(bytes, bigEndian: true),
            TypeId.Fixed or TypeId.Binary => bytes,
            TypeId.Decimal => DecimalFromUnscaled(new BigInteger(bytes, isUnsigned: false, isBigEndian: true), ((DecimalType)type).Scale),
            _ => throw new NotSupportedException($"No single-value serialization for type {type}."),
        };
    }

    public static int ToEpochDays(DateOnly date) => date.DayNumber - EpochDate.DayNumber;

    public static DateOnly FromEpochDays(int days) => DateOnly.FromDayNumber(EpochDate.DayNumber + days);

    public static long ToMicrosOfDay(TimeOnly time) => time.Ticks / TimeSpan.TicksPerMicrosecond;

    public static TimeOnly FromMicrosOfDay(long micros) => new(micros * TimeSpan.TicksPerMicrosecond);

    public static long ToEpochMicros(DateTime timestamp) => (timestamp.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    public static long ToEpochMicros(DateTimeOffset timestamp) => (timestamp.UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    public static DateTime TimestampFromEpochMicros(long micros) =>
        new(DateTime.UnixEpoch.Ticks + (micros * TimeSpan.TicksPerMicrosecond), DateTimeKind.Unspecified);

    public static DateTimeOffset TimestampTzFromEpochMicros(long micros) =>
        new(DateTime.UnixEpoch.Ticks + (micros * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>The unscaled integer of a decimal at the given scale (value * 10^scale). Throws when it would lose digits.</summary>
    public static BigInteger UnscaledValue(decimal value, int scale)
    {
        var scaled = value * Pow10(scale);
        var truncated = decimal.Truncate(scaled);
        if (truncated != scaled)
        {
            throw new ArgumentException($"Decimal {value} has more than {scale} fractional digits.", nameof(value));
        }

        return new BigInteger(truncated);
    }

    public static decimal DecimalFromUnscaled(BigInteger unscaled, int scale) => (decimal)unscaled / Pow10(scale);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }

    private static byte[] Int32Bytes(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, v);
        return b;
    }

    private static byte[] Int64Bytes(long v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, v);
        return b;
    }
}
