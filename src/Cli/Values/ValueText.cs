using System.Globalization;
using System.Text.Json;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Values;

/// <summary>
/// Text and JSON forms of Iceberg values, shared by input (CSV, JSONL) and output (scan) so that what
/// <c>scan</c> prints can be appended again unchanged:
/// boolean <c>true</c>/<c>false</c>; int, long, float, double, decimal in invariant culture (<c>NaN</c>, <c>Infinity</c>);
/// date <c>yyyy-MM-dd</c>; time <c>HH:mm:ss[.ffffff]</c>; timestamp <c>yyyy-MM-ddTHH:mm:ss[.ffffff]</c> without offset;
/// timestamptz the same with an offset or <c>Z</c> (normalised to UTC, printed with <c>+00:00</c>);
/// uuid <c>8-4-4-4-12</c> hex; fixed and binary as hexadecimal (<c>0A1B</c>); string as is.
/// Parse errors are <see cref="FormatException"/>s whose message says what was expected.
/// </summary>
public static class ValueText
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm:ss.ffffff";
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff";
    private const string TimestampTzFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz";

    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"];
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] TimestampTzFormats =
    [
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mmzzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd HH:mm'Z'", "yyyy-MM-dd HH:mm:ss'Z'", "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>Parses the text form of a primitive value. Throws <see cref="FormatException"/> saying what was expected.</summary>
    public static object Parse(string text, IcebergType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(type);
        var t = type.TypeId == TypeId.String ? text : text.Trim();
        switch (type)
        {
            case DecimalType d:
                return ParseDecimal(t, d);
            case FixedType f:
                {
                    var bytes = ParseHex(t, type);
                    return bytes.Length == f.Length
                        ? bytes
                        : throw new FormatException($"expected {f.Length} bytes for {type}, got {bytes.Length}");
                }
        }

        return type.TypeId switch
        {
            TypeId.Boolean => bool.TryParse(t, out var b) ? b : throw Expected(type, "true or false"),
            TypeId.Int => int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : throw Expected(type, "a whole number from -2147483648 to 2147483647"),
            TypeId.Long => long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : throw Expected(type, "a 64-bit whole number"),
            TypeId.Float => float.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : throw Expected(type, "a number"),
            TypeId.Double => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw Expected(type, "a number"),
            TypeId.Date => DateOnly.TryParseExact(t, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : throw Expected(type, "a date as yyyy-MM-dd"),
            TypeId.Time => TimeOnly.TryParseExact(t, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? TruncateToMicros(time)
                : throw Expected(type, "a time as HH:mm:ss[.ffffff]"),
            TypeId.Timestamp => DateTime.TryParseExact(t, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var ts)
                ? TruncateToMicros(DateTime.SpecifyKind(ts, DateTimeKind.Unspecified))
                : throw Expected(type, "a timestamp without zone as yyyy-MM-ddTHH:mm:ss[.ffffff]"),
            TypeId.TimestampTz => DateTimeOffset.TryParseExact(t, TimestampTzFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var tz)
                ? TruncateToMicros(tz.ToUniversalTime())
                : throw Expected(type, "a timestamp with zone as yyyy-MM-ddTHH:mm:ss[.ffffff]+HH:mm or ...Z"),
            TypeId.String => t,
            TypeId.Uuid => Guid.TryParseExact(t, "D", out var g) ? g : throw Expected(type, "a UUID as 8-4-4-4-12 hex digits"),
            TypeId.Binary => ParseHex(t, type),
            _ => throw new FormatException($"a {type} value cannot be given as text; use JSONL for nested values"),
        };
    }

    /// <summary>The text form of a value (null is the empty string); the inverse of <see cref="Parse"/>.</summary>
    public static string Format(object? value, IcebergType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return value switch
        {
            null => string.Empty,
            bool b => b ? "true" : "false",
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            decimal m when type is DecimalType dt => m.ToString("F" + dt.Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            DateOnly date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
            TimeOnly time => time.ToString(TimeFormat, CultureInfo.InvariantCulture),
            DateTime ts => ts.ToString(TimestampFormat, CultureInfo.InvariantCulture),
            DateTimeOffset tz => tz.ToUniversalTime().ToString(TimestampTzFormat, CultureInfo.InvariantCulture),
            Guid g => g.ToString("D"),
            byte[] bytes => Convert.ToHexString(bytes),
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => ToJsonText(value, type),
        };
    }

    /// <summary>Converts a JSON value to the column type: JSON numbers, booleans and strings (text form) are accepted.</summary>
    public static object? FromJson(JsonElement element, IcebergType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.String:
                return type.IsPrimitive ? Parse(element.GetString()!, type) : throw Expected(type, NestedShape(type));
            case JsonValueKind.True:
            case JsonValueKind.False:
                return type.TypeId == TypeId.Boolean ? element.GetBoolean() : throw Expected(type, Describe(type));
            case JsonValueKind.Number:
                return type.TypeId switch
                {
                    TypeId.Int or TypeId.Long or TypeId.Float or TypeId.Double or TypeId.Decimal => Parse(element.GetRawText(), type),
                    _ => throw Expected(type, Describe(type)),
                };
            case JsonValueKind.Object when type is StructType st:
                return StructFromJson(element, st);
            case JsonValueKind.Object when type is MapType mt:
                return element.EnumerateObject()
                    .Select(p => new KeyValuePair<object, object?>(Parse(p.Name, mt.KeyType), FromJson(p.Value, mt.ValueType)))
                    .ToList();
            case JsonValueKind.Array when type is ListType lt:
                return element.EnumerateArray().Select(e => FromJson(e, lt.ElementType)).ToList();
            default:
                throw Expected(type, type.IsPrimitive ? Describe(type) : NestedShape(type));
        }
    }

    /// <summary>Writes a value as JSON: numbers and booleans natively, decimals as exact numbers, everything else in its text form.</summary>
    public static void WriteJson(Utf8JsonWriter writer, object? value, IcebergType type)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(type);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case decimal m:
                writer.WriteRawValue(Format(m, type));
                break;
            case StructValue sv when type is StructType st:
                writer.WriteStartObject();
                for (var i = 0; i < st.Fields.Count && i < sv.Count; i++)
                {
                    writer.WritePropertyName(st.Fields[i].Name);
                    WriteJson(writer, sv[i], st.Fields[i].Type);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<KeyValuePair<object, object?>> map when type is MapType mt:
                writer.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    writer.WritePropertyName(Format(k, mt.KeyType));
                    WriteJson(writer, v, mt.ValueType);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list when type is ListType lt:
                writer.WriteStartArray();
                foreach (var e in list)
                {
                    WriteJson(writer, e, lt.ElementType);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Format(value, type));
                break;
        }
    }

    private static StructValue StructFromJson(JsonElement element, StructType type)
    {
        var values = new object?[type.Fields.Count];
        foreach (var property in element.EnumerateObject())
        {
            var index = -1;
            for (var i = 0; i < type.Fields.Count; i++)
            {
                if (type.Fields[i].Name == property.Name)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                throw new FormatException($"unknown struct field '{property.Name}'");
            }

            values[index] = FromJson(property.Value, type.Fields[index].Type);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null && type.Fields[i].Required)
            {
                throw new FormatException($"required struct field '{type.Fields[i].Name}' is missing");
            }
        }

        return new StructValue(values);
    }

    private static string ToJsonText(object value, IcebergType type)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteJson(writer, value, type);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static decimal ParseDecimal(string text, DecimalType type)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Expected(type, "a decimal number such as 12.34");
        }

        // Counted on the text: trailing zeros after the point do not count (1.50 fits decimal(3,1)), leading zeros neither.
        var unsigned = text.TrimStart('+', '-');
        var point = unsigned.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = (point < 0 ? unsigned : unsigned[..point]).TrimStart('0').Length;
        var scale = point < 0 ? 0 : unsigned[(point + 1)..].TrimEnd('0').Length;
        if (scale > type.Scale)
        {
            throw new FormatException($"{type} allows {type.Scale} digits after the point, got {scale}");
        }

        if (integerDigits > type.Precision - type.Scale)
        {
            throw new FormatException($"{type} allows {type.Precision - type.Scale} digits before the point, got {integerDigits}");
        }

        return value;
    }

    private static byte[] ParseHex(string text, IcebergType type)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw Expected(type, "hexadecimal bytes such as 0A1B");
        }
    }

    private static TimeOnly TruncateToMicros(TimeOnly time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMicrosecond));

    private static DateTime TruncateToMicros(DateTime ts) => ts.AddTicks(-(ts.Ticks % TimeSpan.TicksPerMicrosecond));

    private static DateTimeOffset TruncateToMicros(DateTimeOffset ts) => ts.AddTicks(-(ts.Ticks % TimeSpan.TicksPerMicrosecond));

    private static FormatException Expected(IcebergType type, string what) => new($"not a valid {type}: expected {what}");

    private static string Describe(IcebergType type) => type.TypeId switch
    {
        TypeId.Boolean => "true or false",
        TypeId.Int or TypeId.Long or TypeId.Float or TypeId.Double or TypeId.Decimal => "a number",
        _ => "a string in the text form of the type",
    };

    private static string NestedShape(IcebergType type) => type switch
    {
        StructType => "a JSON object",
        MapType => "a JSON object",
        ListType => "a JSON array",
        _ => Describe(type),
    };
}
