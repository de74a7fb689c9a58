using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// A <see cref="TimeSpan"/> as a JSON string: written in the invariant "c" format (<c>00:05:00</c>, <c>1.02:00:00</c>),
/// read in that format or as units (<c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>2d</c>, <c>1h30m</c>, <c>1.5h</c>).
/// A bare number is refused: "30" would otherwise be 30 days in the "c" format.
/// </summary>
internal sealed partial class DurationJsonConverter : JsonConverter<TimeSpan>
{
    internal const string Expected = "expected a duration such as \"00:05:00\", \"30s\", \"5m\", \"1h\" or \"250ms\"";

    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{Expected}, got {Describe(reader.TokenType)}.");
        }

        var text = reader.GetString()!;
        return TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not a duration: {Expected}.");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture));

    internal static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out value);
        }

        var match = UnitsPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        double ticks = 0;
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var number = double.Parse(match.Groups["n"].Captures[i].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            ticks += number * match.Groups["u"].Captures[i].Value switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => TimeSpan.TicksPerDay,
            };
        }

        if (ticks >= TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    // One or more <number><unit> pairs; "ms" must come before "m" and "s" in the alternation.
    [GeneratedRegex(@"^(?:(?<n>[0-9]+(?:\.[0-9]+)?)(?<u>ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitsPattern();
}
