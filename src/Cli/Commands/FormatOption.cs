using System.CommandLine;

namespace OrleansMaestro.Cli.Commands;

/// <summary>The <c>--format</c> option of listing commands.</summary>
public static class FormatOption
{
    public static Option<string?> Create() => new("--format", "--output", "-o")
    {
        Description = "table, csv, jsonl or json. Default: table on a terminal, csv when the output is redirected.",
    };
}
