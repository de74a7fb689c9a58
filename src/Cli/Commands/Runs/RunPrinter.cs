using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Cli.Server;
using OrleansMaestro.Client;

namespace OrleansMaestro.Cli.Commands.Runs;

/// <summary>Prints one run as JSON or as the <see cref="RunView"/>.</summary>
public static class RunPrinter
{
    public static async Task PrintAsync(ServerSession session, RunInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(run);
        if (session.Json)
        {
            await session.WriteJsonAsync(run, cancellationToken);
            return;
        }

        session.Console().Write(RunView.Render(run, await DefinitionOfAsync(session.Client, run, cancellationToken)));
    }

    /// <summary>The definition version the run uses (for the DAG's edges); null when it is gone (e.g. the workflow was deleted).</summary>
    public static async Task<WorkflowDefinition?> DefinitionOfAsync(IMaestroClient client, RunInfo run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await client.GetWorkflowVersionAsync(run.WorkflowId, run.DefinitionVersion, cancellationToken);
        }
        catch (MaestroNotFoundException)
        {
            return null;
        }
    }
}
