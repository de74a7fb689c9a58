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
            rows.Add(new Text("error: " + run.Error.TrimEnd(), new Style(Color.Red)));
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
                new Text(TextTable.Clock(step.StartedAt)),
                new Text(TextTable.Duration(step.StartedAt, step.FinishedAt)),
                new Text(TextTable.Short(step.Error)));
        }

        rows.Add(table);
        if (dependsOn.Values.Any(d => d.Count > 0))
        {
            rows.Add(Dag(run, dependsOn));
        }

        return new Rows(rows);
    }

    /// <summary>
    /// The DAG as a tree: each step under the first step it depends on (its other dependencies named after it), so a
    /// branch shows how far a path of the run got.
    /// </summary>
    private static Tree Dag(RunInfo run, IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn)
    {
        var states = run.Steps.ToDictionary(s => s.StepId, s => s.Status, StringComparer.Ordinal);
        var tree = new Tree(new Text("dag"));
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Add(IHasTreeNodes parent, string step)
        {
            if (!placed.Add(step))
            {
                return;
            }

            var others = dependsOn.GetValueOrDefault(step)?.Skip(1).ToArray() ?? [];
            var label = step + "  " + (states.TryGetValue(step, out var status) ? status.ToString() : "?") + (others.Length > 0 ? $"  (also after {string.Join(", ", others)})" : "");
            var node = parent.AddNode(new Text(label, states.TryGetValue(step, out var s) ? StatusStyle(s) : Style.Plain));
            foreach (var child in dependsOn.Where(d => d.Value.Count > 0 && d.Value[0] == step).Select(d => d.Key))
            {
                Add(node, child);
            }
        }

        foreach (var root in dependsOn.Where(d => d.Value.Count == 0 || !dependsOn.ContainsKey(d.Value[0])).Select(d => d.Key))
        {
            Add(tree, root);
        }

        return tree;
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
