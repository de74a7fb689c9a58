using Orleans.Concurrency;
using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// One external signal name (key: the name). Workflows with a <c>signal</c> trigger subscribe; posting the signal
/// starts a run of each with the posted parameters (trigger <c>signal</c>), under the workflow's run strategy.
/// </summary>
[Alias("maestro.ISignalGrain")]
public interface ISignalGrain : IGrainWithStringKey
{
    [Alias("Subscribe")]
    Task SubscribeAsync(string workflowId);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(string workflowId);

    /// <summary>
    /// Starts a run of every subscribed workflow; returns the runs started. Interleaves: a workflow may be waiting on
    /// this grain (subscribing while a version is stored) while the post waits on that workflow.
    /// </summary>
    [Alias("Post"), AlwaysInterleave]
    Task<SignalAccepted> PostAsync(IReadOnlyDictionary<string, string> parameters);

    [Alias("GetSubscribers")]
    Task<IReadOnlyList<string>> GetSubscribersAsync();
}
