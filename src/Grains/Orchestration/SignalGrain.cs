using Microsoft.Extensions.Logging;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// One external signal (key: its name): keeps the workflows whose active version triggers on it, and starts a run of
/// each when the signal is posted. Subscriptions follow the workflows' versions; one that went stale (the workflow was
/// deleted, or its active version no longer has the trigger, and a crash kept the subscription) is dropped when found.
/// </summary>
public sealed partial class SignalGrain(
    [PersistentState("signal", GrainStorage.Name)] IPersistentState<SignalGrainState> state,
    ILogger<SignalGrain> logger) : Grain, ISignalGrain
{
    private string Signal => this.GetPrimaryKeyString();

    public async Task SubscribeAsync(string workflowId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowId);
        WorkflowValidator.ThrowIfNotSignalName(Signal);
        if (state.State.Subscribers.Add(workflowId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task UnsubscribeAsync(string workflowId)
    {
        if (state.State.Subscribers.Remove(workflowId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task<SignalAccepted> PostAsync(IReadOnlyDictionary<string, string> parameters)
    {
        WorkflowValidator.ThrowIfNotSignalName(Signal);
        parameters ??= new Dictionary<string, string>();

        // Look at every subscriber before starting any: a parameter one of them requires and the post lacks refuses
        // the whole post, rather than starting some of the runs.
        var targets = new List<string>();
        var stale = new List<string>();
        InvalidFieldException? missing = null;
        // A copy: subscriptions may change while the post waits on the workflows (it interleaves).
        foreach (var workflowId in state.State.Subscribers.Order(StringComparer.Ordinal).ToArray())
        {
            var info = await GrainFactory.GetGrain<IWorkflowGrain>(workflowId).GetAsync();
            if (info is null || !info.Definition.SignalNames.Contains(Signal, StringComparer.Ordinal))
            {
                stale.Add(workflowId);
                continue;
            }

            if (info.Definition.Parameters.FirstOrDefault(p => p.Default is null && !parameters.ContainsKey(p.Name)) is { } required)
            {
                missing ??= new InvalidFieldException(
                    $"Workflow '{workflowId}', which signal '{Signal}' starts, requires parameter '{required.Name}'; no run was started.",
                    $"parameters.{required.Name}");
            }

            targets.Add(workflowId);
        }

        await DropAsync(stale);
        if (missing is not null)
        {
            throw missing;
        }

        var runs = new List<RunReference>();
        foreach (var workflowId in targets)
        {
            try
            {
                var number = await GrainFactory.GetGrain<IWorkflowGrain>(workflowId).OnSignalAsync(Signal, parameters);
                runs.Add(new RunReference { WorkflowId = workflowId, RunNumber = number });
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
            {
                // Deleted, or its version changed, since it was looked at.
                await DropAsync([workflowId]);
            }
        }

        LogPosted(Signal, runs.Count);
        return new SignalAccepted { Signal = Signal, Runs = runs };
    }

    public Task<IReadOnlyList<string>> GetSubscribersAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Subscribers.Order(StringComparer.Ordinal)]);

    /// <summary>
    /// Unsubscribes stale subscribers through this grain's own reference: a post interleaves, so the state is changed
    /// (and written) only by the calls that do not.
    /// </summary>
    private async Task DropAsync(IReadOnlyList<string> workflowIds)
    {
        if (workflowIds.Count == 0)
        {
            return;
        }

        var self = GrainFactory.GetGrain<ISignalGrain>(Signal);
        foreach (var workflowId in workflowIds)
        {
            await self.UnsubscribeAsync(workflowId);
        }

        LogDropped(Signal, string.Join(", ", workflowIds));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signal {Signal} posted: {Runs} runs started")]
    private partial void LogPosted(string signal, int runs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signal {Signal} dropped stale subscribers {Workflows}")]
    private partial void LogDropped(string signal, string workflows);
}
