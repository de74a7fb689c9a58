using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Orchestration;

// External signals: a post to a signal the active version triggers on queues a run, as a manual start would.
public sealed partial class WorkflowGrain
{
    public async Task<long> OnSignalAsync(string signal, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var definition = Existing();
        if (!definition.SignalNames.Contains(signal, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Workflow '{WorkflowId}' (version {definition.Version}) has no trigger on signal '{signal}'.");
        }

        using var activity = _telemetry.StartExternalSignal(WorkflowId, signal);
        // One signal can start workflows that declare different parameters: each takes the ones it declares.
        var pending = NewPending(RunTriggers.Signal, ResolveParameters(definition, parameters ?? new Dictionary<string, string>(), ignoreUnknown: true));
        S.Pending.Add(pending);
        await _state.WriteStateAsync();
        await ScheduleAsync();
        return pending.RunNumber;
    }
}
