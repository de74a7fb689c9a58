using Microsoft.Extensions.Hosting;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Silo.Hosting;
using OrleansMaestro.Silo.Startup;

namespace OrleansMaestro.Silo.Diagnostics;

/// <summary>
/// <c>--print-state</c>: starts the silo on its data folder, prints one line per stored workflow (definition version,
/// last run, watermarks) as the reactivated grains report it, and stops. Shows what survived a restart.
/// </summary>
internal sealed class StatePrinter(
    StoredWorkflows stored,
    IWorkflowReactivation reactivator,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await lifetime.WaitForStartedAsync(stoppingToken);
            await reactivator.Completion.WaitAsync(stoppingToken);
            var ids = await stored.ListAsync(stoppingToken);
            if (ids.Count == 0)
            {
                await Console.Out.WriteLineAsync("no workflows stored");
            }

            foreach (var id in ids)
            {
                var info = await grains.GetGrain<IWorkflowGrain>(id).GetAsync().WaitAsync(stoppingToken);
                await Console.Out.WriteLineAsync(WorkflowStateText.Format(id, info));
            }
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
