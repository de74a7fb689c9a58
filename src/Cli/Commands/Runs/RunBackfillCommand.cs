using System.CommandLine;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary>
/// <c>maestro run backfill WORKFLOW --source TABLE:FROM..TO ... [-p key=value]</c>: a run over explicit snapshot ranges,
/// outside the run strategy; no watermark moves.
/// </summary>
public static class RunBackfillCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var workflow = new Argument<string>("workflow") { Description = "The workflow id." };
        var sources = new Option<string[]>("--source", "-s")
        {
            Description = "A source table's snapshot range TABLE:FROM..TO (after FROM, up to and including TO; FROM may be left out). Repeatable.",
            Arity = ArgumentArity.OneOrMore,
            Required = true,
        };
        var parameters = KeyValueOption.Create("A run parameter as key=value (repeatable).");
        var command = new Command("backfill", "Run a workflow over explicit snapshot ranges of its sources; prints WORKFLOW/RUN.") { workflow, sources, parameters };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var ranges = (result.GetValue(sources) ?? []).Select(SourceRangeText.Parse).ToArray();
            var twice = ranges.GroupBy(r => r.Table, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null)
            {
                throw new CliException(ExitCodes.BadInput, $"--source: table '{twice.Key}' is given twice.");
            }

            var run = await session.Client.BackfillAsync(result.GetValue(workflow)!, ranges, KeyValueOption.Parse(result.GetValue(parameters)), ct);
            await session.WriteAsync(run, run.ToString(), ct);

            return ExitCodes.Ok;
        });
        return command;
    }
}
