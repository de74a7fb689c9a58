using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>One external signal: keeps the workflows that trigger on it and starts a run of each when it is posted.</summary>
public sealed partial class SignalGrain(
    [PersistentState("signal", GrainStorage.Name)] IPersistentState<SignalGrainState> state) : Grain, ISignalGrain
{
    private string Signal => this.GetPrimaryKeyString();

    public async Task SubscribeAsync(string workflowId)
    {
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
        var runs = new List<RunReference>();
        foreach (var workflowId in state.State.Subscribers.Order(StringComparer.Ordinal).ToArray())
        {
            var number = await GrainFactory.GetGrain<IWorkflowGrain>(workflowId).OnSignalAsync(Signal, parameters);
            runs.Add(new RunReference { WorkflowId = workflowId, RunNumber = number });
        }

        return new SignalAccepted { Signal = Signal, Runs = runs };
    }

    public Task<IReadOnlyList<string>> GetSubscribersAsync() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Subscribers.Order(StringComparer.Ordinal)]);
}
