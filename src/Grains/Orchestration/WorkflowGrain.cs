using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Telemetry;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// One workflow. Table signals move <see cref="WorkflowGrainState.Latest"/>; runs claim the range from the end of the
/// previous claim (or the watermark) to the latest snapshot; watermarks advance over the claims that succeeded, in
/// order. A reminder keeps the workflow reconciling after failovers, and a timer fires cron triggers.
/// </summary>
public sealed partial class WorkflowGrain : Grain, IWorkflowGrain, IRemindable
{
    private const string KeepAliveReminder = "keepalive";

    private readonly IPersistentState<WorkflowGrainState> _state;
    private readonly SqlCatalog _catalog;
    private readonly OrchestrationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkflowGrain> _logger;
    private readonly MaestroTelemetry _telemetry;
    private IGrainTimer? _reconcileTimer;
    private IGrainTimer? _cronTimer;

    public WorkflowGrain(
        [PersistentState("workflow", GrainStorage.Name)] IPersistentState<WorkflowGrainState> state,
        SqlCatalog catalog,
        IOptions<OrchestrationOptions> options,
        TimeProvider time,
        ILogger<WorkflowGrain> logger,
        MaestroTelemetry telemetry)
    {
        _telemetry = telemetry;
        _state = state;
        _catalog = catalog;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private string WorkflowId => this.GetPrimaryKeyString();

    private WorkflowGrainState S => _state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Current is { } definition)
        {
            foreach (var signal in definition.SignalNames)
            {
                await GrainFactory.GetGrain<ISignalGrain>(signal).SubscribeAsync(WorkflowId);
            }

            // Also lists workflows stored before the registry existed, and repairs a registration a crash lost.
            await RegisterAsync(definition);
            StartTimers(definition);
            _telemetry.WorkflowChanged(WorkflowId, S);
            foreach (var table in definition.SourceTables)
            {
                await GrainFactory.GetGrain<ITableGrain>(table).SubscribeAsync(WorkflowId);
            }
        }
        else if (S.Deleted && S.Active is { } deleted)
        {
            await ReleaseAsync(deleted); // a delete interrupted by a crash: finish letting go (every call is idempotent)
        }
    }

    public async Task<int> PutDefinitionAsync(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = await DefinitionChecks.ValidateAsync(definition, _catalog, storedUnder: WorkflowId);
        if (errors.Count > 0)
        {
            throw new WorkflowDefinitionException(errors);
        }

        var previous = S.Current;
        var stored = definition with { Version = S.Versions.Count + 1 };
        S.Versions.Add(stored);
        S.VersionCreatedAt[stored.Version] = _time.GetUtcNow();
        S.Deleted = false;
        SetActive(previous, stored);
        await _state.WriteStateAsync();
        LogDefinitionStored(WorkflowId, stored.Version);
        await ApplyTriggersAsync(previous, stored);
        return stored.Version;
    }

    public Task<WorkflowInfo?> GetAsync() => Task.FromResult(S.Current is not null ? Info() : null);

    private WorkflowInfo Info() => new()
    {
        Definition = S.Current!,
        Watermarks = new Dictionary<string, long>(S.Watermarks),
        Latest = new Dictionary<string, long>(S.Latest),
        ActiveRuns = [.. S.ActiveRuns.Order()],
        LastRunNumber = S.LastRunNumber,
        ActiveVersion = S.Current!.Version,
        LatestVersion = S.Versions.Count,
    };

    public async Task OnTableChangedAsync(string table, long snapshotId, long sequenceNumber, DateTimeOffset committedAt)
    {
        if (S.Current is not { } definition || !definition.SourceTables.Contains(table, StringComparer.Ordinal))
        {
            // A subscription the workflow no longer wants (its version changed or it was deleted, and a crash or race
            // kept the subscription): let go of it, so the table stops polling for nobody.
            await GrainFactory.GetGrain<ITableGrain>(table).UnsubscribeAsync(WorkflowId);
            return;
        }

        if (!IsNewer(table, snapshotId, sequenceNumber, committedAt))
        {
            return;
        }

        using var signal = _telemetry.StartSignal(WorkflowId, table, snapshotId);
        SetLatest(table, snapshotId, sequenceNumber, committedAt);
        await _state.WriteStateAsync();
        await ScheduleAsync();
    }

    /// <summary>Whether a hint is newer than the latest snapshot known of <paramref name="table"/> (hints can arrive out of order).</summary>
    private bool IsNewer(string table, long snapshotId, long sequenceNumber, DateTimeOffset committedAt)
    {
        if (!S.Latest.TryGetValue(table, out var known))
        {
            return true;
        }

        if (known == snapshotId)
        {
            return false;
        }

        var knownSequence = S.LatestSequence.GetValueOrDefault(table);
        return sequenceNumber != knownSequence
            ? sequenceNumber > knownSequence
            : committedAt >= S.LatestCommitAt.GetValueOrDefault(table); // format v1: every sequence number is 0
    }

    private void SetLatest(string table, long snapshotId, long sequenceNumber, DateTimeOffset committedAt)
    {
        S.Latest[table] = snapshotId;
        S.LatestSequence[table] = sequenceNumber;
        S.LatestCommitAt[table] = committedAt;
        MaestroTelemetry.RememberTraceParent(S.LatestTraceParent, table);
    }

    public async Task<long> StartRunAsync(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = Existing();
        var parameters = ResolveParameters(definition, request.Parameters ?? new Dictionary<string, string>());
        if (request.Sources is { } ranges)
        {
            // A backfill covers exactly the ranges asked for, outside the run strategy, and moves no watermark.
            if (ranges.Count == 0)
            {
                throw new InvalidFieldException($"A backfill of workflow '{WorkflowId}' needs at least one source range.", "sources");
            }

            var unknown = ranges.Select(r => r?.Table).Where(t => t is null || !definition.SourceTables.Contains(t, StringComparer.Ordinal)).ToArray();
            if (unknown.Length > 0)
            {
                throw new InvalidFieldException($"Backfill names tables that are not sources of workflow '{WorkflowId}': {string.Join(", ", unknown)}.", "sources");
            }

            var number = ++S.LastRunNumber;
            var plan = new RunPlan { Definition = definition, RunNumber = number, Parameters = parameters, Sources = ranges, Trigger = RunTriggers.Backfill };
            S.Plans[number] = plan;
            S.ActiveRuns.Add(number);
            await _state.WriteStateAsync();
            await GrainFactory.GetGrain<IRunGrain>(RunKeys.Run(WorkflowId, number)).StartAsync(plan);
            return number;
        }

        var pending = NewPending(RunTriggers.Manual, parameters);
        S.Pending.Add(pending);
        await _state.WriteStateAsync();
        await ScheduleAsync();
        return pending.RunNumber;
    }

    /// <summary>The active definition; <see cref="KeyNotFoundException"/> when the workflow has none.</summary>
    private WorkflowDefinition Existing() =>
        S.Current ?? throw new KeyNotFoundException($"Workflow '{WorkflowId}' does not exist.");

    public async Task OnRunFinishedAsync(long runNumber, RunStatus status)
    {
        if (!S.ActiveRuns.Remove(runNumber))
        {
            return; // already known (the run reports, and reconciliation may report again)
        }

        S.Plans.Remove(runNumber);
        if (S.Claims.Find(c => c.RunNumber == runNumber) is { } claim)
        {
            claim.State = status == RunStatus.Succeeded ? ClaimState.Succeeded : ClaimState.Failed;
            AdvanceWatermarks();
        }

        LogRunFinished(WorkflowId, runNumber, status);
        await _state.WriteStateAsync();
        await ScheduleAsync();
    }

    public async Task<string?> OnRunRestartingAsync(long runNumber, bool isBackfill)
    {
        if (S.ActiveRuns.Contains(runNumber))
        {
            return $"run {runNumber} is still active";
        }

        var claim = S.Claims.Find(c => c.RunNumber == runNumber);
        if (claim is null && !isBackfill)
        {
            // Its claim is gone: a later run covers its snapshots, so running it again would consume them twice.
            return $"run {runNumber} was superseded by a later run that covers its snapshots";
        }

        if (claim is not null)
        {
            claim.State = ClaimState.Active;
        }

        _finishedRuns.Remove(runNumber);
        S.ActiveRuns.Add(runNumber);
        await _state.WriteStateAsync();
        return null;
    }

    public async Task DeleteAsync()
    {
        var definition = Existing();
        // Queued runs are recorded as stopped first, so their numbers stay listed even if a crash follows.
        await SkipPendingAsync("the workflow was deleted before the run started");
        S.Deleted = true;
        await _state.WriteStateAsync();
        LogDeleted(WorkflowId);
        _telemetry.WorkflowGone(WorkflowId);
        foreach (var run in S.ActiveRuns.ToArray())
        {
            await GrainFactory.GetGrain<IRunGrain>(RunKeys.Run(WorkflowId, run)).StopAsync();
        }

        await ReleaseAsync(definition);
    }

    /// <summary>Lets go of everything a deleted workflow held: subscriptions, its registration, reminder and timers.</summary>
    private async Task ReleaseAsync(WorkflowDefinition definition)
    {
        await ApplySubscriptionsAsync(definition, next: null);
        await GrainFactory.GetGrain<IWorkflowRegistryGrain>(IWorkflowRegistryGrain.Key).UnregisterAsync(WorkflowId);
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reconcileTimer?.Dispose();
        _cronTimer?.Dispose();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ReconcileAsync();

    /// <summary>Starts whatever runs the strategy allows now.</summary>
    private async Task ScheduleAsync()
    {
        while (S.Current is { } definition)
        {
            _telemetry.WorkflowChanged(WorkflowId, S);
            var strategy = definition.Strategy;
            var running = S.Claims.Count(c => c.State == ClaimState.Active);
            var hasNewData = definition.SourceTables.Any(t => S.Latest.TryGetValue(t, out var latest) && ClaimedEnd(t) != latest);
            if (!hasNewData && S.Pending.Count == 0)
            {
                return;
            }

            switch (strategy.Kind)
            {
                case RunStrategyKind.Parallel when running >= Math.Max(1, strategy.MaxParallel):
                case RunStrategyKind.Sequential when running > 0:
                    return;
                case RunStrategyKind.FirstOnly when running > 0:
                    // Triggers that arrive during the active run are dropped; their data waits for the next trigger.
                    await SkipPendingAsync("dropped: the first-only workflow already had an active run");
                    return;
                case RunStrategyKind.LastOnly when running > 0:
                    await SupersedeActiveRunsAsync();
                    break;
            }

            await StartNextRunAsync(definition);
        }
    }

    private async Task SupersedeActiveRunsAsync()
    {
        foreach (var claim in S.Claims.Where(c => c.State == ClaimState.Active).ToArray())
        {
            // The run is stopped first: a crash before the state write leaves an active run that reconciliation finds
            // Stopped (its claim then counts as failed and the next run covers it), never a run number with no record.
            var run = GrainFactory.GetGrain<IRunGrain>(RunKeys.Run(WorkflowId, claim.RunNumber));
            if (S.Plans.GetValueOrDefault(claim.RunNumber) is { } plan)
            {
                await run.SupersedeAsync(plan);
            }
            else
            {
                await run.StopAsync();
            }

            S.Claims.Remove(claim);
            S.ActiveRuns.Remove(claim.RunNumber);
            S.Plans.Remove(claim.RunNumber);
            await _state.WriteStateAsync();
        }
    }

    private async Task StartNextRunAsync(WorkflowDefinition definition)
    {
        if (definition.Strategy.Kind != RunStrategyKind.Parallel)
        {
            // A new run covers everything from the watermark, so failed runs before it are superseded.
            S.Claims.RemoveAll(c => c.State == ClaimState.Failed);
        }

        var pending = S.Pending.Count > 0 ? S.Pending[0] : null;
        if (pending is not null)
        {
            S.Pending.RemoveAt(0);
        }

        var number = pending?.RunNumber ?? ++S.LastRunNumber;
        var claim = new RunClaim { RunNumber = number };
        var sources = new List<SnapshotRange>();
        DateTimeOffset? newestCommit = null;
        string? newestTrace = null;
        foreach (var table in definition.SourceTables)
        {
            var from = ClaimedEnd(table);
            var to = S.Latest.TryGetValue(table, out var latest) ? latest : from;
            sources.Add(new SnapshotRange { Table = table, FromExclusive = from, ToInclusive = to });
            if (to is { } end)
            {
                claim.To[table] = end;
                if (end != from && S.LatestCommitAt.TryGetValue(table, out var at) && (newestCommit is null || at > newestCommit))
                {
                    newestCommit = at;
                    newestTrace = S.LatestTraceParent.GetValueOrDefault(table);
                }
            }
        }

        var plan = new RunPlan
        {
            Definition = definition,
            RunNumber = number,
            CreatedAt = pending?.CreatedAt ?? _time.GetUtcNow(),
            Parameters = pending?.Parameters ?? ResolveParameters(definition, new Dictionary<string, string>()),
            Sources = sources,
            Trigger = pending?.Trigger ?? RunTriggers.Table,
            TriggeringCommitAt = newestCommit,
            TraceParent = pending is not null ? pending.TraceParent : newestTrace,
        };
        S.Claims.Add(claim);
        S.ActiveRuns.Add(number);
        S.Plans[number] = plan;
        // The claim is durable before the run starts: a crash in between leaves a plan that reconciliation starts.
        await _state.WriteStateAsync();
        LogRunStarting(WorkflowId, number, plan.Trigger);
        await GrainFactory.GetGrain<IRunGrain>(RunKeys.Run(WorkflowId, number)).StartAsync(plan);
    }

    /// <summary>The end of the last claim on <paramref name="table"/>, else its watermark (null: nothing consumed yet).</summary>
    private long? ClaimedEnd(string table)
    {
        for (var i = S.Claims.Count - 1; i >= 0; i--)
        {
            if (S.Claims[i].To.TryGetValue(table, out var end))
            {
                return end;
            }
        }

        return S.Watermarks.TryGetValue(table, out var watermark) ? watermark : null;
    }

    private void AdvanceWatermarks()
    {
        while (S.Claims.Count > 0 && S.Claims[0].State == ClaimState.Succeeded)
        {
            foreach (var (table, end) in S.Claims[0].To)
            {
                S.Watermarks[table] = end;
            }

            S.Claims.RemoveAt(0);
        }
    }

    private async Task ReconcileAsync()
    {
        if (S.Current is not { } definition)
        {
            return;
        }

        if (!_registered)
        {
            await RegisterAsync(definition);
        }

        foreach (var table in definition.SourceTables)
        {
            var info = await GrainFactory.GetGrain<ITableGrain>(table).GetAsync();
            var committedAt = info.LastCommitAt ?? _time.GetUtcNow();
            if (info.CurrentSnapshotId is { } current && IsNewer(table, current, info.CurrentSequenceNumber, committedAt))
            {
                SetLatest(table, current, info.CurrentSequenceNumber, committedAt);
                await _state.WriteStateAsync();
            }
        }

        foreach (var number in S.ActiveRuns.ToArray())
        {
            var run = GrainFactory.GetGrain<IRunGrain>(RunKeys.Run(WorkflowId, number));
            var info = await run.GetAsync();
            if (info is null && S.Plans.TryGetValue(number, out var plan))
            {
                await run.StartAsync(plan);
            }
            else if (info is not null && info.Status.IsFinal())
            {
                await OnRunFinishedAsync(number, info.Status);
            }
            else
            {
                await run.PokeAsync();
            }
        }

        await ScheduleAsync();
    }

    private void StartTimers(WorkflowDefinition definition)
    {
        _reconcileTimer ??= this.RegisterGrainTimer(
            static (grain, _) => grain.ReconcileAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = _options.WorkflowReconcileInterval, Period = _options.WorkflowReconcileInterval, Interleave = false, KeepAlive = true });
        ScheduleCron(definition);
    }

    private void ScheduleCron(WorkflowDefinition definition)
    {
        _cronTimer?.Dispose();
        _cronTimer = null;
        var next = NextCronOccurrence(definition, S.LastCronFire ?? _time.GetUtcNow());
        if (next is not { } at)
        {
            return;
        }

        var due = at - _time.GetUtcNow();
        _cronTimer = this.RegisterGrainTimer(
            static (state, _) => state.Grain.FireCronAsync(state.At),
            (Grain: this, At: at),
            new GrainTimerCreationOptions { DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });
    }

    private async Task FireCronAsync(DateTimeOffset occurrence)
    {
        if (S.Current is not { } definition)
        {
            return;
        }

        S.LastCronFire = occurrence;
        S.Pending.Add(NewPending(RunTriggers.Cron, ResolveParameters(definition, new Dictionary<string, string>())));
        await _state.WriteStateAsync();
        await ScheduleAsync();
        ScheduleCron(definition);
    }

    private static DateTimeOffset? NextCronOccurrence(WorkflowDefinition definition, DateTimeOffset after)
    {
        DateTimeOffset? next = null;
        foreach (var trigger in definition.Triggers.OfType<CronTrigger>())
        {
            // The same parsing rule the validator applied when the definition was stored (5 or 6 fields, @macros).
            var expression = CronExpressions.Parse(trigger.Cron);
            var zone = trigger.TimeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(trigger.TimeZone);
            if (expression.GetNextOccurrence(after, zone) is { } occurrence && (next is null || occurrence < next))
            {
                next = occurrence;
            }
        }

        return next;
    }

    /// <summary>
    /// The run's parameter values: the given ones, defaults for the rest. An unknown (unless <paramref name="ignoreUnknown"/>)
    /// or missing one: <see cref="ArgumentException"/> whose parameter name is the field, <c>parameters.&lt;name&gt;</c>.
    /// </summary>
    private static Dictionary<string, string> ResolveParameters(WorkflowDefinition definition, IReadOnlyDictionary<string, string> given, bool ignoreUnknown = false)
    {
        var unknown = given.Keys.Where(k => definition.Parameters.All(p => p.Name != k)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0 && !ignoreUnknown)
        {
            throw new InvalidFieldException(
                $"Unknown parameter{(unknown.Length > 1 ? "s" : "")} for workflow '{definition.Id}': {string.Join(", ", unknown)} (it declares {Declared(definition)}).",
                $"parameters.{unknown[0]}");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in definition.Parameters)
        {
            result[parameter.Name] = given.TryGetValue(parameter.Name, out var value)
                ? value
                : parameter.Default ?? throw new InvalidFieldException($"Parameter '{parameter.Name}' of workflow '{definition.Id}' is required (it has no default).", $"parameters.{parameter.Name}");
        }

        return result;
    }

    private static string Declared(WorkflowDefinition definition) =>
        definition.Parameters.Count == 0 ? "no parameters" : string.Join(", ", definition.Parameters.Select(p => p.Name));

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} stored definition version {Version}")]
    private partial void LogDefinitionStored(string workflowId, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} deleted")]
    private partial void LogDeleted(string workflowId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} starts run {RunNumber} ({Trigger})")]
    private partial void LogRunStarting(string workflowId, long runNumber, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId} run {RunNumber} finished: {Status}")]
    private partial void LogRunFinished(string workflowId, long runNumber, RunStatus status);
}
