using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using OrleansMaestro.Iceberg.Avro;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Manifests;

/// <summary>
/// Iceberg primitive types and values in Avro (spec appendix A: "Format-specific Requirements", Avro), for partition tuples.
/// </summary>
internal static class AvroTypes
{
    /// <summary>The Avro schema JSON of a primitive type; named types (fixed) already in <paramref name="defined"/> are referenced by name.</summary>
    public static JsonNode SchemaOf(PrimitiveType type, HashSet<string> defined) => type switch
    {
        DecimalType d => Named(defined, $"decimal_{d.Precision}_{d.Scale}", () => new JsonObject
        {
            ["type"] = "fixed",
            ["name"] = $"decimal_{d.Precision}_{d.Scale}",
            ["size"] = DecimalRequiredBytes(d.Precision),
            ["logicalType"] = "decimal",
            ["precision"] = d.Precision,
            ["scale"] = d.Scale,
        }),
        FixedType f => Named(defined, $"fixed_{f.Length}", () => new JsonObject { ["type"] = "fixed", ["name"] = $"fixed_{f.Length}", ["size"] = f.Length }),
        _ => type.TypeId switch
        {
            TypeId.Boolean => "boolean",
            TypeId.Int => "int",
            TypeId.Long => "long",
            TypeId.Float => "float",
            TypeId.Double => "double",
            TypeId.String => "string",
            TypeId.Binary => "bytes",
            TypeId.Date => new JsonObject { ["type"] = "int", ["logicalType"] = "date" },
            TypeId.Time => new JsonObject { ["type"] = "long", ["logicalType"] = "time-micros" },
            TypeId.Timestamp => new JsonObject { ["type"] = "long", ["logicalType"] = "timestamp-micros", ["adjust-to-utc"] = false },
            TypeId.TimestampTz => new JsonObject { ["type"] = "long", ["logicalType"] = "timestamp-micros", ["adjust-to-utc"] = true },
            TypeId.Uuid => Named(defined, "uuid_fixed", () => new JsonObject { ["type"] = "fixed", ["name"] = "uuid_fixed", ["size"] = 16, ["logicalType"] = "uuid" }),
            _ => throw new NotSupportedException($"No Avro form for partition type {type}."),
        },
    };

    /// <summary>Smallest byte count whose two's complement holds every unscaled value of the precision (as Java's TypeUtil).</summary>
    public static int DecimalRequiredBytes(int precision)
    {
        var max = BigInteger.Pow(10, precision) - 1;
        var bytes = 1;
        while (BigInteger.Pow(2, (8 * bytes) - 1) - 1 < max)
        {
            bytes++;
        }

        return bytes;
    }

    /// <summary>Converts a .NET value (see <see cref="IcebergType"/>) to what the Avro encoder writes for the type.</summary>
    public static object? ToAvro(PrimitiveType type, object? value)
    {
        if (value is null)
        {
            return null;
        }

        return type.TypeId switch
        {
            TypeId.Date => value is DateOnly d ? Conversions.ToEpochDays(d) : Convert.ToInt32(value, CultureInfo.InvariantCulture),
            TypeId.Time => value is TimeOnly t ? Conversions.ToMicrosOfDay(t) : Convert.ToInt64(value, CultureInfo.InvariantCulture),
            TypeId.Timestamp => value is DateTime dt ? Conversions.ToEpochMicros(dt) : Convert.ToInt64(value, CultureInfo.InvariantCulture),
            TypeId.TimestampTz => value switch
            {
                DateTimeOffset o => Conversions.ToEpochMicros(o),
                DateTime dt => Conversions.ToEpochMicros(dt),
                _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            },
            TypeId.Uuid => ((Guid)value).ToByteArray(bigEndian: true),
            TypeId.Decimal => DecimalToFixed((DecimalType)type, (decimal)value),
            TypeId.Long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            TypeId.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    /// <summary>Converts a decoded Avro value to the .NET representation of the Iceberg type.</summary>
    public static object? FromAvro(PrimitiveType type, AvroSchema avro, object? value)
    {
        if (value is null)
        {
            return null;
        }

        return type.TypeId switch
        {
            TypeId.Boolean => (bool)value,
            TypeId.Int => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            TypeId.Long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            TypeId.Float => Convert.ToSingle(value, CultureInfo.InvariantCulture),
            TypeId.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            TypeId.Date => Conversions.FromEpochDays(Convert.ToInt32(value, CultureInfo.InvariantCulture)),
            TypeId.Time => Conversions.FromMicrosOfDay(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            TypeId.Timestamp => Conversions.TimestampFromEpochMicros(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            TypeId.TimestampTz => Conversions.TimestampTzFromEpochMicros(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            TypeId.String => value is byte[] sb ? Encoding.UTF8.GetString(sb) : (string)value,
            TypeId.Uuid => value is string us ? Guid.Parse(us) : new Guid((byte[])value, bigEndian: true),
            TypeId.Fixed or TypeId.Binary => value is string bs ? Encoding.UTF8.GetBytes(bs) : (byte[])value,
            TypeId.Decimal => Conversions.DecimalFromUnscaled(
                new BigInteger((byte[])value, isUnsigned: false, isBigEndian: true),
                avro.IntProperty("scale") ?? ((DecimalType)type).Scale),
            _ => throw new NotSupportedException($"Partition type {type}."),
        };
    }

    /// <summary>The Iceberg type an Avro schema stands for, when no partition spec is at hand to say.</summary>
    public static PrimitiveType InferType(AvroSchema avro) => (avro.Kind, avro.LogicalType) switch
    {
        (AvroKind.Boolean, _) => PrimitiveType.Boolean,
        (AvroKind.Int, "date") => PrimitiveType.Date,
        (AvroKind.Int, _) => PrimitiveType.Int,
        (AvroKind.Long, "time-micros") => PrimitiveType.Time,
        (AvroKind.Long, "timestamp-micros") => avro.BoolProperty("adjust-to-utc") == true ? PrimitiveType.TimestampTz : PrimitiveType.Timestamp,
        (AvroKind.Long, _) => PrimitiveType.Long,
        (AvroKind.Float, _) => PrimitiveType.Float,
        (AvroKind.Double, _) => PrimitiveType.Double,
        (AvroKind.String, "uuid") => PrimitiveType.Uuid,
        (AvroKind.String, _) => PrimitiveType.String,
        (AvroKind.Fixed or AvroKind.Bytes, "decimal") => PrimitiveType.Decimal(avro.IntProperty("precision") ?? 38, avro.IntProperty("scale") ?? 0),
        (AvroKind.Fixed, "uuid") => PrimitiveType.Uuid,
        (AvroKind.Fixed, _) => PrimitiveType.Fixed(avro.Size),
        (AvroKind.Bytes, _) => PrimitiveType.Binary,
        _ => throw new NotSupportedException($"Avro type {avro.Kind} cannot be a partition value."),
    };

    /// <summary>Avro names must match [A-Za-z_][A-Za-z0-9_]*; other characters become _xHEX, as Java's AvroSchemaUtil does.</summary>
    public static string SanitizeName(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c == '_' || char.IsAsciiLetter(c) || (i > 0 && char.IsAsciiDigit(c));
            if (ok)
            {
                sb.Append(c);
            }
            else if (i == 0 && char.IsAsciiDigit(c))
            {
                sb.Append('_').Append(c);
            }
            else
            {
                sb.Append("_x").Append(((int)c).ToString("X", CultureInfo.InvariantCulture));
            }
        }

        return sb.Length == 0 ? "_" : sb.ToString();
    }

    private static byte[] DecimalToFixed(DecimalType type, decimal value)
    {
        var unscaled = Conversions.UnscaledValue(value, type.Scale).ToByteArray(isUnsigned: false, isBigEndian: true);
        var size = DecimalRequiredBytes(type.Precision);
        if (unscaled.Length > size)
        {
            throw new ArgumentException($"Decimal {value} does not fit {type}.", nameof(value));
        }

        var result = new byte[size];
        var pad = unscaled[0] >= 0x80 ? (byte)0xFF : (byte)0x00;
        Array.Fill(result, pad, 0, size - unscaled.Length);
        unscaled.CopyTo(result, size - unscaled.Length);
        return result;
    }

    private static JsonNode Named(HashSet<string> defined, string name, Func<JsonObject> definition) =>
        defined.Add(name) ? definition() : JsonValue.Create(name);
}
