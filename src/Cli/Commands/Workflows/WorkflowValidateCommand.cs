using System.CommandLine;
using OrleansMaestro.Client;
using OrleansMaestro.Cli.Server;

namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary>
/// <c>maestro workflow validate -f FILE|DIR [--local]</c>: checks definitions without storing anything — locally, then
/// on the server (which also knows which tables exist) unless <c>--local</c>.
/// </summary>
public static class WorkflowValidateCommand
{
    public static Command Build(ServerCommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var file = WorkflowFileOption.Create();
        var local = new Option<bool>("--local") { Description = "Check the files only here (no server; table names are not looked up)." };
        var command = new Command("validate", "Check workflow definitions without storing them.") { file, local };
        runner.SetAction(command, async (result, session, ct) =>
        {
            var files = await WorkflowFiles.ReadAsync(result.GetValue(file), session.Context.CurrentDirectory, ct);
            var results = new List<ValidatedWorkflow>();
            foreach (var one in files)
            {
                var errors = one.Errors.Select(e => new ValidationError(e.Path, e.Message)).ToList();
                if (one.IsValid && !result.GetValue(local))
                {
                    try
                    {
                        await session.Client.ValidateWorkflowAsync(one.Definition!, ct);
                    }
                    catch (MaestroValidationException e)
                    {
                        errors.AddRange(e.Errors.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Select(m => new ValidationError(p.Key, m))));
                        if (errors.Count == 0)
                        {
                            errors.Add(new ValidationError("$", e.Message));
                        }
                    }
                }

                results.Add(new ValidatedWorkflow(one.DisplayName, one.Definition?.Id, errors.Count == 0, errors));
                if (errors.Count == 0 && !session.Json)
                {
                    await session.WriteLineAsync($"{one.DisplayName}: workflow {one.Definition!.Id} is valid");
                }

                foreach (var error in errors)
                {
                    await session.Context.Error.WriteLineAsync($"error: {one.DisplayName}: {error.Field}: {error.Message}");
                }
            }

            if (session.Json)
            {
                await session.WriteJsonAsync(results, ct);
            }

            return results.All(r => r.Valid) ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }

    /// <summary>One file's outcome (the JSON output is a list of these).</summary>
    public sealed record ValidatedWorkflow(string File, string? WorkflowId, bool Valid, IReadOnlyList<ValidationError> Errors);

    /// <summary>One bad field of a definition.</summary>
    public sealed record ValidationError(string Field, string Message);
}
