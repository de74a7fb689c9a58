using System.Globalization;

namespace OrleansMaestro.Iceberg.Expressions;

/// <summary>Formats literals the way the filter parser reads them back.</summary>
internal static class LiteralText
{
    public static string Format(object value) => value switch
    {
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
        bool b => b ? "true" : "false",
        byte[] bytes => $"X'{Convert.ToHexString(bytes)}'",
        DateOnly d => $"'{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'",
        TimeOnly t => $"'{t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)}'",
        DateTime dt => $"'{dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)}'",
        DateTimeOffset dto => $"'{dto.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)}'",
        Guid g => $"'{g}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
