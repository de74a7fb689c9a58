using System.Globalization;
using System.Numerics;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>Resolves column names and converts predicate literals to column types for <see cref="Expression.Bind"/>.</summary>
internal static class Binder
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    private static readonly string[] TimestampTzFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
    ];

    private static readonly string[] TimeFormats = ["HH:mm:ss.FFFFFFF", "HH:mm"];

    public static BoundReference Resolve(Schema schema, string column)
    {
        var field = schema.FindField(column)
            ?? throw new ExpressionBindingException(
                $"Column '{column}' is not in the schema. Columns: {string.Join(", ", schema.Fields.Select(f => f.Name))}.");
        if (field.Type is not PrimitiveType primitive)
        {
            throw new ExpressionBindingException($"Column '{column}' has type {field.Type}; filters need a primitive column.");
        }

        // Fields inside lists and maps have one value per element, not per row, and their metrics do not bound rows.
        if (!ReachableThroughStructs(schema.Struct, field.Id))
        {
            throw new ExpressionBindingException($"Column '{column}' is inside a list or map; filters can only use top-level or struct fields.");
        }

        return new BoundReference(field.Id, column, primitive);
    }

    public static object ConvertLiteral(object literal, BoundReference reference, Operation op) =>
        TryConvert(literal, reference.Type) ?? throw new ExpressionBindingException(
            $"Cannot use {LiteralText.Format(literal)} ({literal.GetType().Name}) in '{reference.Name} {op.Symbol()}': column '{reference.Name}' is {reference.Type}"
            + (literal is double.NaN or float.NaN ? " and NaN literals are not supported." : "."));

    /// <summary>The literal in the type's .NET representation, or null when it does not convert exactly.</summary>
    internal static object? TryConvert(object value, PrimitiveType type)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                return value switch
                {
                    bool b => b,
                    string s when bool.TryParse(s, out var b) => b,
                    _ => null,
                };
            case TypeId.Int:
                return IntegerOf(value) is { } i && i >= int.MinValue && i <= int.MaxValue ? (int)i : null;
            case TypeId.Long:
                return IntegerOf(value) is { } l && l >= long.MinValue && l <= long.MaxValue ? (long)l : null;
            case TypeId.Float:
                return DoubleOf(value) is { } f && !double.IsNaN(f) ? (float)f : null;
            case TypeId.Double:
                return DoubleOf(value) is { } dbl && !double.IsNaN(dbl) ? dbl : null;
            case TypeId.Decimal:
                return DecimalOf(value, (DecimalType)type);
            case TypeId.Date:
                return value switch
                {
                    DateOnly date => date,
                    string s when DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", inv, DateTimeStyles.None, out var date) => date,
                    _ => null,
                };
            case TypeId.Time:
                return value switch
                {
                    TimeOnly t => t,
                    string s when TimeOnly.TryParseExact(s.Trim(), TimeFormats, inv, DateTimeStyles.None, out var t) => t,
                    _ => null,
                };
            case TypeId.Timestamp:
                // A timestamp without zone is a wall-clock value: strings with an offset are rejected rather than guessed.
                return value switch
                {
                    DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Unspecified),
                    DateOnly date => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified),
                    string s when DateTime.TryParseExact(s.Trim(), TimestampFormats, inv, DateTimeStyles.None, out var dt) => dt,
                    _ => null,
                };
            case TypeId.TimestampTz:
                // Strings and DateTimes without an offset are taken as UTC.
                return value switch
                {
                    DateTimeOffset dto => dto.ToUniversalTime(),
                    DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
                    string s when DateTimeOffset.TryParseExact(s.Trim(), TimestampTzFormats, inv, DateTimeStyles.AssumeUniversal, out var dto) => dto.ToUniversalTime(),
                    _ => null,
                };
            case TypeId.String:
                return value as string;
            case TypeId.Uuid:
                return value switch
                {
                    Guid g => g,
                    string s when Guid.TryParse(s, out var g) => g,
                    _ => null,
                };
            case TypeId.Fixed:
                return value is byte[] fixedBytes && fixedBytes.Length == ((FixedType)type).Length ? fixedBytes : null;
            case TypeId.Binary:
                return value as byte[];
            default:
                return null;
        }
    }

    private static BigInteger? IntegerOf(object value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui => ui,
        ulong ul => ul,
        string s when BigInteger.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b) => b,
        _ => null,
    };

    private static double? DoubleOf(object value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => IntegerOf(value) is { } i ? (double)i : null,
    };

    private static decimal? DecimalOf(object value, DecimalType type)
    {
        decimal? m = value switch
        {
            decimal d => d,
            double d when double.IsFinite(d) && Math.Abs(d) < 7.9e28 => (decimal)d,
            float f when float.IsFinite(f) && Math.Abs(f) < 7.9e28f => (decimal)f,
            string s when decimal.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => IntegerOf(value) is { } i && BigInteger.Abs(i) <= new BigInteger(decimal.MaxValue) ? (decimal)i : null,
        };
        if (m is not { } v)
        {
            return null;
        }

        // Exact only: a literal with more fractional digits than the scale, or too many digits, does not convert.
        var scaled = v * Pow10(type.Scale);
        if (decimal.Truncate(scaled) != scaled || BigInteger.Abs(new BigInteger(scaled)) >= BigInteger.Pow(10, type.Precision))
        {
            return null;
        }

        return v;
    }

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++)
        {
            r *= 10m;
        }

        return r;
    }

    private static bool ReachableThroughStructs(StructType type, int id) =>
        type.Fields.Any(f => f.Id == id || (f.Type is StructType nested && ReachableThroughStructs(nested, id)));
}
