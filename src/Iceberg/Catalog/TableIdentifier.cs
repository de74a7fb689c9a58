namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>A table's namespace and name, written <c>ns1.ns2.table</c>.</summary>
public sealed record TableIdentifier(Namespace Namespace, string Name)
{
    /// <summary>Parses <c>ns.table</c> (the last level is the table name). Throws <see cref="FormatException"/> with the reason.</summary>
    public static TableIdentifier Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("A table name is required, as NAMESPACE.TABLE.");
        }

        var lastDot = text.LastIndexOf('.');
        if (lastDot <= 0 || lastDot == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not a table name: expected NAMESPACE.TABLE, e.g. analytics.events.");
        }

        try
        {
            return new TableIdentifier(Namespace.Parse(text[..lastDot]), text[(lastDot + 1)..]);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{text}' is not a table name: {e.Message}", e);
        }
    }

    public override string ToString() => $"{Namespace}.{Name}";
}
