namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>Quoting for the SQL the runner generates around the user's query.</summary>
internal static class SqlText
{
    /// <summary>A double-quoted identifier (<c>"a""b"</c>), safe for any view or column name.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A single-quoted string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The query without trailing semicolons and whitespace, so it can be wrapped in a view.</summary>
    public static string TrimStatement(string query) => query.TrimEnd().TrimEnd(';').TrimEnd();
}
