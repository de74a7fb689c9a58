using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Commands;

/// <summary><c>maestro table schema NS.T</c>: the current schema as the spec's JSON (usable as <c>create --schema</c>).</summary>
public static class SchemaCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Build(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var source = new TableSource();
        var command = new Command("schema", "Print a table's current schema as JSON.");
        source.AddTo(command);
        runner.SetAction(command, async (result, session, ct) =>
        {
            var table = await source.LoadAsync(result, session, ct);
            var json = JsonNode.Parse(SchemaParser.ToJson(table.Schema))!.ToJsonString(Indented);
            await session.Context.Out.WriteLineAsync(json);
            return ExitCodes.Ok;
        });
        return command;
    }
}
