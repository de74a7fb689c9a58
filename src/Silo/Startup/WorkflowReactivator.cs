using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Silo.Hosting;

namespace OrleansMaestro.Silo.Startup;

/// <summary>
/// Activates every stored workflow once the silo has started. The embedded profile keeps reminders in memory, so the
/// keep-alive reminders that would wake workflows are gone after a restart (the cluster profile's are durable, see
/// <see cref="ReminderReactivation"/>); an activated workflow subscribes to its
/// tables again (catching up on snapshots committed while the silo was down) and runs its reconcile timer.
/// </summary>
internal sealed partial class WorkflowReactivator(
    StoredWorkflows stored,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<WorkflowReactivator> logger) : BackgroundService, IWorkflowReactivation
{
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every stored workflow was activated (or failed to), so callers see the reactivated state.</summary>
    public Task Completion => _completed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await lifetime.WaitForStartedAsync(stoppingToken);
            var ids = await stored.ListAsync(stoppingToken);
            var active = 0;
            foreach (var id in ids)
            {
                try
                {
                    if (await grains.GetGrain<IWorkflowGrain>(id).GetAsync().WaitAsync(stoppingToken) is { } info)
                    {
                        active++;
                        LogReactivated(id, info.Definition.Version, info.LastRunNumber);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One broken workflow must not keep the others asleep.
                    LogReactivationFailed(e, id);
                }
            }

            LogDone(active, ids.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down before start-up finished
        }
        finally
        {
            _completed.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} reactivated (definition version {Version}, last run {LastRun})")]
    private partial void LogReactivated(string workflowId, int version, long lastRun);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId} could not be reactivated")]
    private partial void LogReactivationFailed(Exception exception, string workflowId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reactivated {Active} of {Stored} stored workflows")]
    private partial void LogDone(int active, int stored);
}
