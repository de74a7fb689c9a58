using Microsoft.Extensions.Logging;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Grains.Orchestration;

// Versions: which one is active, and what making one active changes (table and signal subscriptions, cron, the
// workflow's entry in the registry). Runs that are already running keep the version they started with.
public sealed partial class WorkflowGrain
{
    /// <summary>Whether the registry has this activation's current summary (retried by reconciliation when not).</summary>
    private bool _registered;

    public Task<IReadOnlyList<WorkflowVersionInfo>> ListVersionsAsync()
    {
        var active = Existing().Version;
        return Task.FromResult<IReadOnlyList<WorkflowVersionInfo>>(S.Versions.Select(v => new WorkflowVersionInfo
        {
            Version = v.Version,
            Description = v.Description,
            CreatedAt = S.VersionCreatedAt.TryGetValue(v.Version, out var at) ? at : null,
            Active = v.Version == active,
        }).ToArray());
    }

    public Task<WorkflowDefinition?> GetVersionAsync(int version)
    {
        Existing();
        return Task.FromResult(version >= 1 && version <= S.Versions.Count ? S.Versions[version - 1] : null);
    }

    public async Task<WorkflowInfo> ActivateVersionAsync(int version)
    {
        var previous = Existing();
        if (version < 1 || version > S.Versions.Count)
        {
            throw new KeyNotFoundException($"Workflow '{WorkflowId}' has no version {version} (it has 1 to {S.Versions.Count}).");
        }

        var next = S.Versions[version - 1];
        if (next.Version != previous.Version)
        {
            SetActive(previous, next);
            await _state.WriteStateAsync();
            LogVersionActivated(WorkflowId, next.Version, previous.Version);
        }

        // Applied even when the version was already active: it repairs subscriptions a crash left half-done.
        await ApplyTriggersAsync(previous, next);
        await ScheduleAsync();
        return Info();
    }

    /// <summary>Makes <paramref name="next"/> the active version in state (the caller writes it).</summary>
    private void SetActive(WorkflowDefinition? previous, WorkflowDefinition next)
    {
        S.ActiveVersion = next.Version;
        S.ChangedAt = _time.GetUtcNow();
        if (previous is null || !previous.Triggers.OfType<CronTrigger>().SequenceEqual(next.Triggers.OfType<CronTrigger>()))
        {
            // A new schedule starts from now: occurrences of it before the switch are not owed.
            S.LastCronFire = S.ChangedAt;
        }
    }

    /// <summary>Puts the active version's triggers into effect (after the state that names it was written).</summary>
    private async Task ApplyTriggersAsync(WorkflowDefinition? previous, WorkflowDefinition next)
    {
        if (previous is null && S.Versions.Count > 1)
        {
            // Recreated after a delete, which disposed this activation's timers: start them afresh.
            _reconcileTimer?.Dispose();
            _reconcileTimer = null;
        }

        await ApplySubscriptionsAsync(previous, next);
        await this.RegisterOrUpdateReminder(KeepAliveReminder, _options.KeepAlivePeriod, _options.KeepAlivePeriod);
        StartTimers(next);
        await RegisterAsync(next);
    }

    /// <summary>Subscribes to what <paramref name="next"/> triggers on and unsubscribes from what only <paramref name="previous"/> did.</summary>
    private async Task ApplySubscriptionsAsync(WorkflowDefinition? previous, WorkflowDefinition? next)
    {
        var tables = next?.SourceTables ?? [];
        var signals = next?.SignalNames ?? [];
        foreach (var table in (previous?.SourceTables ?? []).Except(tables, StringComparer.Ordinal))
        {
            await GrainFactory.GetGrain<ITableGrain>(table).UnsubscribeAsync(WorkflowId);
        }

        foreach (var signal in (previous?.SignalNames ?? []).Except(signals, StringComparer.Ordinal))
        {
            await GrainFactory.GetGrain<ISignalGrain>(signal).UnsubscribeAsync(WorkflowId);
        }

        if (next is not null)
        {
            await SubscribeAsync(next);
        }
    }

    /// <summary>Subscribes to every table and signal <paramref name="definition"/> triggers on (idempotent).</summary>
    private async Task SubscribeAsync(WorkflowDefinition definition)
    {
        foreach (var table in definition.SourceTables)
        {
            await GrainFactory.GetGrain<ITableGrain>(table).SubscribeAsync(WorkflowId);
        }

        foreach (var signal in definition.SignalNames)
        {
            await GrainFactory.GetGrain<ISignalGrain>(signal).SubscribeAsync(WorkflowId);
        }
    }

    /// <summary>
    /// Puts this workflow's summary in the registry. A failure does not fail the call that stored or activated a version
    /// (that is durable already): reconciliation tries again.
    /// </summary>
    private async Task RegisterAsync(WorkflowDefinition definition)
    {
        _registered = false;
        try
        {
            await GrainFactory.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key).RegisterAsync(Summary(definition));
            _registered = true;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogRegistrationFailed(e, WorkflowId);
        }
    }

    private WorkflowSummary Summary(WorkflowDefinition definition) => new()
    {
        Id = WorkflowId,
        Description = definition.Description,
        ActiveVersion = definition.Version,
        LatestVersion = S.Versions.Count,
        Strategy = definition.Strategy,
        Reads = definition.ReadTables,
        Writes = definition.WrittenTables,
        Signals = definition.SignalNames,
        UpdatedAt = S.ChangedAt ?? S.VersionCreatedAt.GetValueOrDefault(definition.Version, _time.GetUtcNow()),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} activated version {Version} (was {Previous})")]
    private partial void LogVersionActivated(string workflowId, int version, int previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId} could not register with the workflow registry; reconciliation retries")]
    private partial void LogRegistrationFailed(Exception exception, string workflowId);
}
