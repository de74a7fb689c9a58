using System.CommandLine;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary><c>maestro run list [--workflow ID] [--status S] [--since T] [--until T] [--limit N]</c>: runs, newest first.</summary>
public static class RunListCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var workflow = new Option<string?>("--workflow", "-w") { Description = "Only this workflow's runs." };
        var status = new Option<string?>("--status") { Description = "Only runs in this status: created, queued, running, succeeded, failed, stopped, timedOut." };
        var since = new Option<string?>("--since") { Description = "Runs created at or after: an ISO 8601 time or an age such as 2h or 7d." };
        var until = new Option<string?>("--until") { Description = "Runs created before: an ISO 8601 time or an age." };
        var limit = new Option<int?>("--limit", "-n") { Description = $"The most to show, newest first (1 to {RunQuery.MaxLimit}; default 100)." };
        var command = new Command("list", "List runs, newest first.") { workflow, status, since, until, limit };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var now = DateTimeOffset.UtcNow;
            var query = new RunQuery
            {
                WorkflowId = result.GetValue(workflow),
                Status = ParseStatus(result.GetValue(status)),
                Since = TimeText.Parse("--since", result.GetValue(since), now),
                Until = TimeText.Parse("--until", result.GetValue(until), now),
                Limit = result.GetValue(limit) ?? 100,
            };
            var runs = await session.Client.ListRunsAsync(query, ct);
            if (session.Json)
            {
                await session.WriteJsonAsync(runs, ct);
                return ExitCodes.Ok;
            }

            TextTable.Write(session, ["run", "status", "trigger", "version", "created", "took", "steps", "error"], runs.Select(r => new[]
            {
                $"{r.WorkflowId}/{r.RunNumber}", r.Status.ToString(), r.Trigger, TextTable.Number(r.DefinitionVersion), TextTable.Time(r.CreatedAt),
                TextTable.Duration(r.StartedAt, r.FinishedAt),
                $"{r.Steps.Count(s => s.Status == RunStatus.Succeeded)}/{r.Steps.Count}", TextTable.Short(r.Error),
            }));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static RunStatus? ParseStatus(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var compact = text.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse<RunStatus>(compact, ignoreCase: true, out var status) && !int.TryParse(compact, out _)
            ? status
            : throw new CliException(ExitCodes.BadInput, $"--status '{text}': expected one of {string.Join(", ", Enum.GetNames<RunStatus>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
    }
}
