using System.CommandLine;

namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary>The <c>-f FILE|DIR</c> option of <c>workflow apply</c> and <c>workflow validate</c>.</summary>
public static class WorkflowFileOption
{
    public static Option<string> Create() => new("--file", "-f")
    {
        Description = "A workflow definition (.json), or a folder: every *.json in it.",
        Required = true,
    };
}
