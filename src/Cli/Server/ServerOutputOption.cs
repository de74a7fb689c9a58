using System.CommandLine;
using OrleansMaestro.Cli.Errors;

namespace OrleansMaestro.Cli.Server;

/// <summary>The <c>--output</c> (<c>-o</c>) option of every server command: <c>table</c> or <c>json</c>.</summary>
public static class ServerOutputOption
{
    public static Option<string?> Create() => new("--output", "-o")
    {
        Description = "table or json (the API's JSON, for scripts). Default: table on a terminal, json when the output is redirected.",
    };

    public static ServerOutputFormat Resolve(string? text, bool outputIsTerminal)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return outputIsTerminal ? ServerOutputFormat.Table : ServerOutputFormat.Json;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "table" => ServerOutputFormat.Table,
            "json" => ServerOutputFormat.Json,
            _ => throw new CliException(ExitCodes.BadInput, $"--output '{text}': expected table or json."),
        };
    }
}
