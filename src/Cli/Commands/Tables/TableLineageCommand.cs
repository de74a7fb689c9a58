using System.CommandLine;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Tables;

/// <summary>
/// <c>maestro table lineage [NS.T]</c> (server): which workflows read and write which tables — the whole graph, or
/// everything upstream and downstream of one table.
/// </summary>
public static class TableLineageCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var table = new Argument<string?>("table") { Description = "NAMESPACE.TABLE (omit for the whole graph).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("lineage", "Show which workflows read and write which tables (asks the server).") { table };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var graph = await session.Client.GetLineageAsync(result.GetValue(table), ct);
            if (session.Json)
            {
                await session.WriteJsonAsync(graph, ct);
                return ExitCodes.Ok;
            }

            // Data flows table -> workflow -> table: one line per edge, reads before writes.
            TextTable.Write(session, ["from", "to", "kind"], graph.Edges
                .OrderBy(e => e.Kind == LineageEdgeKinds.Reads ? 0 : 1).ThenBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
                .Select(e => new[] { e.From, e.To, e.Kind }));
            var alone = graph.Nodes.Where(n => !graph.Edges.Any(e => e.From == n.Id || e.To == n.Id)).ToArray();
            if (alone.Length > 0)
            {
                await session.WriteLineAsync("unconnected: " + string.Join(", ", alone.Select(n => $"{n.Id} ({n.Kind})")));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
