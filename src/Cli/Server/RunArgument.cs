using System.CommandLine;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Cli.Errors;

namespace OrleansMaestro.Cli.Server;

/// <summary>The <c>WORKFLOW/RUN</c> argument naming one run (e.g. <c>agg-events/12</c>).</summary>
public static class RunArgument
{
    public static Argument<string> Create() => new("run") { Description = "The run as WORKFLOW/RUN, e.g. agg-events/12." };

    public static RunReference Parse(string? text) =>
        RunReference.TryParse(text, out var run)
            ? run
            : throw new CliException(ExitCodes.BadInput, $"run '{text}': expected WORKFLOW/RUN with a run number from 1, e.g. agg-events/12.");
}
