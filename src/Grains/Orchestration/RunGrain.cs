using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Telemetry;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// One run: walks the DAG of the definition version it started with. Every decision is written to state before it is
/// acted on (an attempt is recorded, then started), so after a crash the run polls the attempt it recorded, finds it
/// lost, and starts a new one. A timer drives the run while it is active: it polls running attempts, enforces step and
/// run timeouts, and starts steps whose dependencies succeeded and whose backoff has passed.
/// </summary>
public sealed partial class RunGrain : Grain, IRunGrain
{
    private readonly IPersistentState<RunGrainState> _state;
    private readonly OrchestrationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RunGrain> _logger;
    private readonly MaestroTelemetry _telemetry;
    private System.Diagnostics.Activity? _activity;
    private IGrainTimer? _timer;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunGrain(
        [PersistentState("run", GrainStorage.Name)] IPersistentState<RunGrainState> state,
        IOptions<OrchestrationOptions> options,
        TimeProvider time,
        ILogger<RunGrain> logger,
        MaestroTelemetry telemetry)
    {
        _telemetry = telemetry;
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    private RunGrainState S => _state.State;

    private string RunKey => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Plan is not null && S.Revision == 0)
        {
            S.Revision = 1; // state written before revisions were counted: it is the run's first known revision
        }

        if (S.Plan is not null && !S.Status.IsFinal())
        {
            EnsureTimer(); // resumed after a failover
        }

        return Task.CompletedTask;
    }

    public async Task StartAsync(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (S.Plan is not null)
        {
            return;
        }

        S.Plan = plan;
        S.Status = RunStatus.Queued;
        S.CreatedAt = plan.CreatedAt ?? _time.GetUtcNow();
        S.Steps = plan.Definition.Steps.ToDictionary(s => s.Id, _ => new StepRunState(), StringComparer.Ordinal);
        await WriteStateAsync();
        EnsureTimer(immediately: true);
    }

    public Task<RunInfo?> GetAsync()
    {
        if (S.Plan is not { } plan)
        {
            return Task.FromResult<RunInfo?>(null);
        }

        return Task.FromResult<RunInfo?>(new RunInfo
        {
            WorkflowId = plan.Definition.Id,
            RunNumber = plan.RunNumber,
            DefinitionVersion = plan.Definition.Version,
            Status = S.Status,
            Trigger = plan.Trigger,
            Parameters = plan.Parameters,
            Sources = plan.Sources,
            CreatedAt = S.CreatedAt,
            StartedAt = S.StartedAt,
            FinishedAt = S.FinishedAt,
            Error = S.Error,
            Restarts = S.Restarts,
            Steps = plan.Definition.Steps.Select(d => ToInfo(d.Id, S.Steps[d.Id])).ToArray(),
            Revision = S.Revision,
        });
    }

    public async Task<RunInfo?> WaitForChangeAsync(long afterRevision, TimeSpan maxWait)
    {
        // Capped, so a caller's long-poll always ends well inside Orleans' response timeout.
        var wait = maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait > IRunGrain.MaxWait ? IRunGrain.MaxWait : maxWait;
        if (S.Plan is not null && S.Revision <= afterRevision && wait > TimeSpan.Zero)
        {
            try
            {
                await _changed.Task.WaitAsync(wait, _time);
            }
            catch (TimeoutException)
            {
                // nothing changed within maxWait: the caller gets the run as it is
            }
        }

        return await GetAsync();
    }

    /// <summary>Writes the state as the next revision, then wakes the watchers waiting for a change.</summary>
    private async Task WriteStateAsync()
    {
        S.Revision++;
        await _state.WriteStateAsync();
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    public async Task StopAsync()
    {
        if (S.Plan is null || S.Status.IsFinal())
        {
            return;
        }

        foreach (var (id, step) in S.Steps.Where(s => s.Value.Status == RunStatus.Running))
        {
            await AttemptGrain(id, step.Attempt).CancelAsync();
            step.Status = RunStatus.Stopped;
            step.FinishedAt = _time.GetUtcNow();
        }

        await FinishAsync(RunStatus.Stopped, "stopped by request");
    }

    public async Task SupersedeAsync(RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (S.Plan is not null)
        {
            await StopAsync();
            return;
        }

        await SkipAsync(plan, "superseded by a newer run before it started");
    }

    public async Task SkipAsync(RunPlan plan, string reason)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (S.Plan is not null)
        {
            return;
        }

        S.Plan = plan;
        S.CreatedAt = plan.CreatedAt ?? _time.GetUtcNow();
        S.Steps = plan.Definition.Steps.ToDictionary(s => s.Id, _ => new StepRunState(), StringComparer.Ordinal);
        await FinishAsync(RunStatus.Stopped, reason);
    }

    public async Task RestartAsync()
    {
        var plan = S.Plan ?? throw new KeyNotFoundException($"Run {RunKey} does not exist.");
        if (!S.Status.IsFinal() || S.Status == RunStatus.Succeeded)
        {
            throw new InvalidOperationException($"Run {RunKey} is {S.Status}; only a failed, timed-out or stopped run can be restarted.");
        }

        var refusal = await GrainFactory.GetGrain<IWorkflowGrain>(plan.Definition.Id).OnRunRestartingAsync(plan.RunNumber, plan.Trigger == RunTriggers.Backfill);
        if (refusal is not null)
        {
            throw new InvalidOperationException($"Run {RunKey} cannot be restarted: {refusal}.");
        }

        foreach (var step in S.Steps.Values.Where(s => s.Status is RunStatus.Failed or RunStatus.TimedOut or RunStatus.Stopped))
        {
            step.Status = RunStatus.Created;
            step.Retries = 0;
            step.LostAttempts = 0;
            step.NotBefore = null;
            step.FinishedAt = null;
        }

        S.Status = RunStatus.Running;
        S.FinishedAt = null;
        S.Error = null;
        S.Restarts++;
        await WriteStateAsync();
        LogRestarted(RunKey, S.Restarts);
        EnsureTimer(immediately: true);
    }

    public async Task PokeAsync()
    {
        if (S.Plan is { } plan && S.Status.IsFinal())
        {
            // The one-way report may have been lost with a silo; the workflow ignores repeats.
            await GrainFactory.GetGrain<IWorkflowGrain>(plan.Definition.Id).OnRunFinishedAsync(plan.RunNumber, S.Status);
        }
        else if (S.Plan is not null)
        {
            EnsureTimer();
        }
    }

    public async Task OnStepAttemptFinishedAsync(StepAttemptResult result)
    {
        if (S.Plan is null || S.Status.IsFinal() || !S.Steps.TryGetValue(result.StepId, out var step)
            || step.Status != RunStatus.Running || step.Attempt != result.Attempt)
        {
            return; // a stale report (an attempt that was replaced, or a run that ended)
        }

        using var scope = LogScopes.Run(_logger, S.Plan);
        ApplyAttemptResult(result.StepId, step, result, timedOut: false);
        await WriteStateAsync();
        // The report says what changed: no need to ask every other running attempt (the timer keeps doing that).
        await AdvanceAsync(pollAttempts: false);
    }

    private async Task AdvanceAsync(bool pollAttempts = true)
    {
        if (S.Plan is not { } plan || S.Status.IsFinal())
        {
            StopTimer();
            return;
        }

        using var scope = LogScopes.Run(_logger, plan);
        var now = _time.GetUtcNow();
        if (S.Status is RunStatus.Created or RunStatus.Queued)
        {
            S.Status = RunStatus.Running;
            S.StartedAt = now;
            await WriteStateAsync();
            _telemetry.RunStarted(plan, now - plan.TriggeringCommitAt);
            LogStarted(RunKey, plan.Trigger, plan.TriggeringCommitAt is { } at ? (now - at).TotalMilliseconds : null);
        }

        if (plan.Definition.RunTimeout is { } runTimeout && now - S.StartedAt > runTimeout)
        {
            foreach (var (id, step) in S.Steps.Where(s => s.Value.Status == RunStatus.Running))
            {
                await AttemptGrain(id, step.Attempt).CancelAsync();
                step.Status = RunStatus.TimedOut;
                step.FinishedAt = now;
                step.Error = $"the run timed out after {runTimeout}";
            }

            await FinishAsync(RunStatus.TimedOut, $"the run took longer than its timeout of {runTimeout}");
            return;
        }

        if (pollAttempts)
        {
            await CheckRunningAttemptsAsync(plan, now);
        }

        await StartReadyStepsAsync(plan);

        var definitionSteps = plan.Definition.Steps;
        if (definitionSteps.All(d => S.Steps[d.Id].Status == RunStatus.Succeeded))
        {
            await FinishAsync(RunStatus.Succeeded, error: null);
            return;
        }

        var anyRunning = S.Steps.Values.Any(s => s.Status == RunStatus.Running);
        var anyStartable = definitionSteps.Any(d => S.Steps[d.Id].Status == RunStatus.Created && !IsBlocked(d));
        if (!anyRunning && !anyStartable)
        {
            var failed = definitionSteps.Where(d => S.Steps[d.Id].Status is RunStatus.Failed or RunStatus.TimedOut).ToArray();
            var status = failed.Length > 0 && failed.All(d => S.Steps[d.Id].Status == RunStatus.TimedOut) ? RunStatus.TimedOut : RunStatus.Failed;
            await FinishAsync(status, string.Join("; ", failed.Select(d => $"step '{d.Id}': {S.Steps[d.Id].Error}")));
        }
    }

    private async Task CheckRunningAttemptsAsync(RunPlan plan, DateTimeOffset now)
    {
        foreach (var definition in plan.Definition.Steps)
        {
            var step = S.Steps[definition.Id];
            if (step.Status != RunStatus.Running)
            {
                continue;
            }

            var grain = AttemptGrain(definition.Id, step.Attempt);
            if (definition.Timeout is { } timeout && now - step.AttemptStartedAt > timeout)
            {
                await grain.CancelAsync();
                var timedOut = new StepAttemptResult { StepId = definition.Id, Attempt = step.Attempt, State = StepAttemptState.Failed, Error = $"attempt {step.Attempt} timed out after {timeout}" };
                ApplyAttemptResult(definition.Id, step, timedOut, timedOut: true);
                await WriteStateAsync();
                continue;
            }

            var state = await grain.GetStateAsync();
            if (state.State == StepAttemptState.Running)
            {
                continue;
            }

            ApplyAttemptResult(definition.Id, step, state, timedOut: false);
            await WriteStateAsync();
        }
    }

    private async Task StartReadyStepsAsync(RunPlan plan)
    {
        var limit = plan.Definition.StepConcurrency;
        foreach (var definition in plan.Definition.Steps)
        {
            // Read per step: a start is never stamped before the finish of the dependency it waited for.
            var now = _time.GetUtcNow();
            var step = S.Steps[definition.Id];
            if (step.Status != RunStatus.Created || step.NotBefore > now || IsBlocked(definition)
                || definition.DependsOn.Any(d => S.Steps[d].Status != RunStatus.Succeeded))
            {
                continue;
            }

            if (limit > 0 && S.Steps.Values.Count(s => s.Status == RunStatus.Running) >= limit)
            {
                return;
            }

            step.Attempt++;
            step.Status = RunStatus.Running;
            step.AttemptStartedAt = now;
            step.FirstStartedAt ??= now;
            step.FinishedAt = null;
            // Recorded before the grain call: if this silo dies now, polling finds the attempt lost and replaces it.
            await WriteStateAsync();
            var work = new StepWork
            {
                WorkflowId = plan.Definition.Id,
                RunNumber = plan.RunNumber,
                Step = definition,
                Attempt = step.Attempt,
                Parameters = plan.Parameters,
                Sources = plan.Sources,
                RunKey = RunKey,
                IsBackfill = plan.Trigger == RunTriggers.Backfill,
                TraceParent = (_activity ??= _telemetry.StartRun(plan, S.StartedAt ?? now))?.Id ?? plan.TraceParent,
            };
            LogStepStarting(RunKey, definition.Id, step.Attempt);
            await AttemptGrain(definition.Id, step.Attempt).StartAsync(work);
        }
    }

    private void ApplyAttemptResult(string stepId, StepRunState step, StepAttemptResult result, bool timedOut)
    {
        var now = _time.GetUtcNow();
        var definition = S.Plan!.Definition.Steps.First(s => s.Id == stepId);
        switch (result.State)
        {
            case StepAttemptState.Succeeded:
                step.Status = RunStatus.Succeeded;
                step.FinishedAt = now;
                step.Error = null;
                step.Outputs = new Dictionary<string, string>(result.Outputs, StringComparer.Ordinal);
                LogStepFinished(RunKey, stepId, result.Attempt, RunStatus.Succeeded);
                return;
            case StepAttemptState.Lost when step.LostAttempts < _options.MaxLostAttempts:
                // The attempt's silo died: not the step's fault, so a replacement does not use up a retry.
                step.LostAttempts++;
                step.Status = RunStatus.Created;
                step.Error = $"attempt {result.Attempt} was lost with its silo";
                LogStepLost(RunKey, stepId, result.Attempt);
                return;
        }

        var retry = definition.Retry ?? S.Plan.Definition.Retry;
        step.Error = result.State == StepAttemptState.Lost ? $"{_options.MaxLostAttempts + 1} attempts were lost with their silos" : result.Error;
        if (result.State != StepAttemptState.Lost && step.Retries < retry.MaxRetries)
        {
            step.Retries++;
            step.Status = RunStatus.Created;
            step.NotBefore = now + retry.BackoffBefore(step.Retries);
            LogStepRetrying(RunKey, stepId, result.Attempt, step.Retries, step.Error);
            return;
        }

        step.Status = timedOut ? RunStatus.TimedOut : RunStatus.Failed;
        step.FinishedAt = now;
        LogStepFinished(RunKey, stepId, result.Attempt, step.Status);
    }

    /// <summary>Whether a dependency (transitively) ended without success, so the step can never start in this run.</summary>
    private bool IsBlocked(StepDefinition definition) => definition.DependsOn.Any(d =>
        S.Steps[d].Status is RunStatus.Failed or RunStatus.TimedOut or RunStatus.Stopped
        || IsBlocked(S.Plan!.Definition.Steps.First(s => s.Id == d)));

    private async Task FinishAsync(RunStatus status, string? error)
    {
        var plan = S.Plan!;
        S.Status = status;
        S.Error = error;
        S.FinishedAt = _time.GetUtcNow();
        await WriteStateAsync();
        StopTimer();
        LogFinished(RunKey, status, error);
        _telemetry.RunFinished(plan, status, S.FinishedAt - S.StartedAt);
        MaestroTelemetry.EndDetached(_activity, status);
        _activity = null;
        await GrainFactory.GetGrain<IWorkflowGrain>(plan.Definition.Id).OnRunFinishedAsync(plan.RunNumber, status);
    }

    private IStepGrain AttemptGrain(string stepId, int attempt) => GrainFactory.GetGrain<IStepGrain>(RunKeys.StepAttempt(RunKey, stepId, attempt));

    private void EnsureTimer(bool immediately = false)
    {
        if (_timer is not null && !immediately)
        {
            return;
        }

        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(
            static (grain, _) => grain.AdvanceAsync(),
            this,
            new GrainTimerCreationOptions { DueTime = immediately ? TimeSpan.Zero : _options.RunPollInterval, Period = _options.RunPollInterval, Interleave = false, KeepAlive = true });
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private static StepInfo ToInfo(string id, StepRunState step) => new()
    {
        StepId = id,
        Status = step.Status,
        Attempts = step.Attempt,
        StartedAt = step.FirstStartedAt,
        FinishedAt = step.FinishedAt,
        Error = step.Error,
        Outputs = step.Outputs,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunKey} started ({Trigger}); commit-to-start delay {DelayMs} ms")]
    private partial void LogStarted(string runKey, string trigger, double? delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunKey} finished: {Status} {Error}")]
    private partial void LogFinished(string runKey, RunStatus status, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunKey} restarted (restart {Restarts})")]
    private partial void LogRestarted(string runKey, int restarts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {RunKey} starts step {StepId} attempt {Attempt}")]
    private partial void LogStepStarting(string runKey, string stepId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunKey} step {StepId} attempt {Attempt}: {Status}")]
    private partial void LogStepFinished(string runKey, string stepId, int attempt, RunStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunKey} step {StepId} attempt {Attempt} was lost with its silo; starting a new attempt")]
    private partial void LogStepLost(string runKey, string stepId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunKey} step {StepId} attempt {Attempt} failed; retry {Retry}: {Error}")]
    private partial void LogStepRetrying(string runKey, string stepId, int attempt, int retry, string? error);
}
