namespace OrleansMaestro.Cli.Errors;

/// <summary>An input row that does not fit the table's schema; the message names file, line, column and value.</summary>
public sealed class RowParseException : CliException
{
    public RowParseException(string file, long line, string? column, string? value, string reason)
        : base(ExitCodes.BadInput, Describe(file, line, column, value, reason))
    {
        File = file;
        Line = line;
        Column = column;
        Value = value;
    }

    public string File { get; }

    public long Line { get; }

    public string? Column { get; }

    public string? Value { get; }

    private static string Describe(string file, long line, string? column, string? value, string reason)
    {
        var where = $"{file} line {line}";
        if (column is not null)
        {
            where += $", column '{column}'";
        }

        if (value is not null)
        {
            where += $", value '{value}'";
        }

        return $"{where}: {reason}";
    }
}
