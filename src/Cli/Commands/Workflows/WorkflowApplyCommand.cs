using System.CommandLine;
using OrleansMaestro.Cli.Errors;
using OrleansMaestro.Client;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary>
/// <c>maestro workflow apply -f FILE|DIR</c>: stores each definition as a new version and makes it active. Every file
/// is checked first: when one is invalid, nothing is applied. The server may still reject one (e.g. an unknown table);
/// then the files before it stay applied, the rest are not, and the error says which is which.
/// </summary>
public static class WorkflowApplyCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var file = WorkflowFileOption.Create();
        var command = new Command("apply", "Create or update workflows from definition files (a folder: every *.json, writers before readers).") { file };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var files = await WorkflowFiles.ReadAsync(result.GetValue(file), session.Context.CurrentDirectory, ct);
            var invalid = files.Where(f => !f.IsValid).ToArray();
            if (invalid.Length > 0)
            {
                foreach (var bad in invalid)
                {
                    await session.Context.Error.WriteLineAsync($"error: {bad.DisplayName}: invalid workflow definition");
                    foreach (var error in bad.Errors)
                    {
                        await session.Context.Error.WriteLineAsync($"  {bad.DisplayName}: {error.Path}: {error.Message}");
                    }
                }

                await session.Context.Error.WriteLineAsync($"error: nothing applied: {invalid.Length} of {files.Count} file(s) invalid.");
                return ExitCodes.BadInput;
            }

            var applied = new List<AppliedWorkflow>();
            foreach (var one in files)
            {
                try
                {
                    var version = await session.Client.ApplyWorkflowAsync(one.Definition!, ct);
                    applied.Add(new AppliedWorkflow(one.DisplayName, one.Definition!.Id, version));
                    if (!session.Json)
                    {
                        await session.WriteLineAsync($"{one.DisplayName}: workflow {one.Definition.Id} version {version}");
                    }
                }
                catch (MaestroException e)
                {
                    if (session.Json)
                    {
                        await session.WriteJsonAsync(applied, ct);
                    }

                    await ServerCommandRunner.ReportAsync(session.Context.Error, e, session.Verbose, $"{one.DisplayName}: ", session.Settings);
                    var notApplied = files.SkipWhile(f => !ReferenceEquals(f, one)).Select(f => f.DisplayName);
                    await session.Context.Error.WriteLineAsync(applied.Count == 0
                        ? "error: nothing applied."
                        : $"error: applied {string.Join(", ", applied.Select(a => a.File))}; not applied: {string.Join(", ", notApplied)}.");
                    return ErrorMapping.ExitCodeOf(e);
                }
            }

            if (session.Json)
            {
                await session.WriteJsonAsync(applied, ct);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
