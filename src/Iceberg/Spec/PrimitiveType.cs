using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansMaestro.Iceberg.Spec;

/// <summary>A primitive type; its <see cref="ToString"/> is the spec's JSON form (e.g. <c>decimal(9,2)</c>, <c>fixed[16]</c>).</summary>
public partial record PrimitiveType : IcebergType
{
    public static readonly PrimitiveType Boolean = new(TypeId.Boolean);
    public static readonly PrimitiveType Int = new(TypeId.Int);
    public static readonly PrimitiveType Long = new(TypeId.Long);
    public static readonly PrimitiveType Float = new(TypeId.Float);
    public static readonly PrimitiveType Double = new(TypeId.Double);
    public static readonly PrimitiveType Date = new(TypeId.Date);
    public static readonly PrimitiveType Time = new(TypeId.Time);
    public static readonly PrimitiveType Timestamp = new(TypeId.Timestamp);
    public static readonly PrimitiveType TimestampTz = new(TypeId.TimestampTz);
    public static readonly PrimitiveType String = new(TypeId.String);
    public static readonly PrimitiveType Uuid = new(TypeId.Uuid);
    public static readonly PrimitiveType Binary = new(TypeId.Binary);

    private protected PrimitiveType(TypeId typeId)
    {
        TypeId = typeId;
    }

    public override TypeId TypeId { get; }

    public static DecimalType Decimal(int precision, int scale) => new(precision, scale);

    public static FixedType Fixed(int length) => new(length);

    public override string ToString() => TypeId switch
    {
        TypeId.TimestampTz => "timestamptz",
        _ => TypeId.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses the spec's string form of a primitive type. Throws <see cref="FormatException"/> naming the bad type.</summary>
    public static PrimitiveType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        switch (t)
        {
            case "boolean": return Boolean;
            case "int": return Int;
            case "long": return Long;
            case "float": return Float;
            case "double": return Double;
            case "date": return Date;
            case "time": return Time;
            case "timestamp": return Timestamp;
            case "timestamptz": return TimestampTz;
            case "string": return String;
            case "uuid": return Uuid;
            case "binary": return Binary;
        }

        var dec = DecimalPattern().Match(t);
        if (dec.Success)
        {
            return Decimal(int.Parse(dec.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(dec.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        var fix = FixedPattern().Match(t);
        if (fix.Success)
        {
            return Fixed(int.Parse(fix.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        throw new FormatException($"Unknown Iceberg type '{text}'. Expected one of boolean, int, long, float, double, decimal(P,S), date, time, timestamp, timestamptz, string, uuid, fixed[L], binary.");
    }

    [GeneratedRegex(@"^decimal\(\s*(\d+)\s*,\s*(\d+)\s*\)$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^fixed\[\s*(\d+)\s*\]$")]
    private static partial Regex FixedPattern();
}
