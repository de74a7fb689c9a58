using System.CommandLine;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary>
/// <c>maestro workflow get ID [--version N]</c>: the active definition with the workflow's progress, or one stored
/// version's definition (its JSON is a definition file that <c>workflow apply</c> accepts).
/// </summary>
public static class WorkflowGetCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var id = new Argument<string>("workflow") { Description = "The workflow id." };
        var version = new Option<int?>("--version") { Description = "A stored version (default: the active one, with progress)." };
        var command = new Command("get", "Show a workflow: its definition, versions, watermarks and active runs.") { id, version };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var workflowId = result.GetValue(id)!;
            if (result.GetValue(version) is { } number)
            {
                var definition = await session.Client.GetWorkflowVersionAsync(workflowId, number, ct);
                await session.WriteLineAsync(session.Json ? System.Text.Json.JsonSerializer.Serialize(definition, Abstractions.Api.ApiJson.Options) : WorkflowDefinitionJson.ToJson(definition));
                return ExitCodes.Ok;
            }

            var info = await session.Client.GetWorkflowAsync(workflowId, ct);
            if (session.Json)
            {
                await session.WriteJsonAsync(info, ct);
                return ExitCodes.Ok;
            }

            var d = info.Definition;
            await session.WriteLineAsync($"workflow {d.Id}  version {info.ActiveVersion} active, {info.LatestVersion} latest  strategy {TextTable.Strategy(d.Strategy)}  last run {info.LastRunNumber}");
            if (d.Description is not null)
            {
                await session.WriteLineAsync(d.Description);
            }

            if (info.ActiveRuns.Count > 0)
            {
                await session.WriteLineAsync("active runs: " + string.Join(", ", info.ActiveRuns.Select(r => $"{d.Id}/{r}")));
            }

            TextTable.Write(session, ["step", "type", "depends on"], d.Steps.Select(s => new[] { s.Id, s.TypeName, TextTable.List(s.DependsOn) }));
            if (info.Watermarks.Count > 0 || info.Latest.Count > 0)
            {
                TextTable.Write(session, ["source table", "watermark", "latest"], info.Latest.Keys.Union(info.Watermarks.Keys).Order(StringComparer.Ordinal).Select(t => new[]
                {
                    t,
                    info.Watermarks.TryGetValue(t, out var w) ? TextTable.Number(w) : "",
                    info.Latest.TryGetValue(t, out var l) ? TextTable.Number(l) : "",
                }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
