using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Cli.Server;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary>A run drawn for a person: a header line and its DAG as a table of steps (with what each waits for).</summary>
public static class RunView
{
    public static IRenderable Render(RunInfo run, WorkflowDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(run);
        var dependsOn = definition?.Steps.ToDictionary(s => s.Id, s => s.DependsOn, StringComparer.Ordinal) ?? [];
        var header = $"run {run.WorkflowId}/{run.RunNumber}  {run.Status}  version {run.DefinitionVersion}  trigger {run.Trigger}"
            + $"  created {TextTable.Time(run.CreatedAt)}" + (run.FinishedAt is null ? "" : $"  took {TextTable.Duration(run.StartedAt, run.FinishedAt)}")
            + (run.Restarts > 0 ? $"  restarts {run.Restarts}" : "");
        var rows = new List<IRenderable> { new Text(header, new Style(decoration: Decoration.Bold)) };
        if (run.Error is not null)
        {
            rows.Add(new Text("error: " + run.Error, new Style(Color.Red)));
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "step", "depends on", "status", "attempts", "started", "took", "error" })
        {
            table.AddColumn(column);
        }

        foreach (var step in run.Steps)
        {
            table.AddRow(
                new Text(step.StepId),
                new Text(TextTable.List(dependsOn.GetValueOrDefault(step.StepId))),
                new Text(step.Status.ToString(), StatusStyle(step.Status)),
                new Text(step.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(TextTable.Time(step.StartedAt)),
                new Text(TextTable.Duration(step.StartedAt, step.FinishedAt)),
                new Text(step.Error ?? ""));
        }

        rows.Add(table);
        return new Rows(rows);
    }

    private static Style StatusStyle(RunStatus status) => status switch
    {
        RunStatus.Succeeded => new Style(Color.Green),
        RunStatus.Failed or RunStatus.TimedOut => new Style(Color.Red),
        RunStatus.Stopped => new Style(Color.Yellow),
        RunStatus.Running => new Style(Color.Blue),
        _ => Style.Plain,
    };
}
