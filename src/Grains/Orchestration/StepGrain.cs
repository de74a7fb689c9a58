using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Steps;
using OrleansMaestro.Grains.Telemetry;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>
/// One attempt of one step. Holds no durable state on purpose: if its silo dies, the new activation has no work and
/// answers <see cref="StepAttemptState.Lost"/>, and the run starts a new attempt. Attempts are placed at random so the
/// steps of a run (and the shards of a big step) spread over the cluster.
/// </summary>
[RandomPlacement]
public sealed partial class StepGrain : Grain, IStepGrain
{
    private readonly IReadOnlyDictionary<string, IStepRunner> _runners;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<StepGrain> _logger;
    private readonly MaestroTelemetry _telemetry;
    private StepWork? _work;
    private StepAttemptResult? _result;
    private CancellationTokenSource? _cancellation;
    private CancellationTokenRegistration _onSiloStopping;

    private volatile bool _abandoned;

    public StepGrain(IEnumerable<IStepRunner> runners, IHostApplicationLifetime lifetime, ILogger<StepGrain> logger, MaestroTelemetry telemetry)
    {
        _telemetry = telemetry;
        _runners = runners.ToDictionary(r => r.StepType, StringComparer.Ordinal);
        _lifetime = lifetime;
        _logger = logger;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The attempt dies with its activation (silo shutdown, or the grain was moved): it is lost, not failed, so the
        // run replaces it without using up a retry.
        Abandon();
        return Task.CompletedTask;
    }

    public Task StartAsync(StepWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_work is not null)
        {
            return Task.CompletedTask;
        }

        _work = work;
        _cancellation = new CancellationTokenSource();
        // A silo that stops (even abruptly) stops its attempts, so no orphaned attempt goes on working beside its replacement.
        // The registration is released when the attempt ends: the silo's token lives as long as the silo.
        _onSiloStopping = _lifetime.ApplicationStopping.Register(Abandon);
        // Not awaited: the attempt runs in the background and reports to its run when done.
        _ = ExecuteAsync(work, _cancellation.Token);
        return Task.CompletedTask;
    }

    public Task<StepAttemptResult> GetStateAsync()
    {
        if (_work is not { } work)
        {
            var (stepId, attempt) = ParseKey();
            return Task.FromResult(new StepAttemptResult { StepId = stepId, Attempt = attempt, State = StepAttemptState.Lost });
        }

        return Task.FromResult(_result ?? new StepAttemptResult { StepId = work.Step.Id, Attempt = work.Attempt, State = StepAttemptState.Running });
    }

    public async Task CancelAsync()
    {
        if (_cancellation is { } cancellation)
        {
            await cancellation.CancelAsync();
        }
    }

    private async Task ExecuteAsync(StepWork work, CancellationToken cancellationToken)
    {
        StepAttemptResult result;
        var silo = RuntimeIdentity;
        using var activity = _telemetry.StartStep(work);
        using var scope = LogScopes.Step(_logger, work);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (!_runners.TryGetValue(work.Step.TypeName, out var runner))
            {
                throw new StepFailedException($"No runner for step type '{work.Step.TypeName}' on silo {silo}.");
            }

            // Off the grain's scheduler: a runner may block on a process or a DuckDB query for a long time.
            var outputs = await Task.Run(() => runner.RunAsync(work, cancellationToken), cancellationToken);
            result = new StepAttemptResult
            {
                StepId = work.Step.Id,
                Attempt = work.Attempt,
                State = StepAttemptState.Succeeded,
                Outputs = new Dictionary<string, string>(outputs, StringComparer.Ordinal) { ["silo"] = silo },
            };
        }
        catch (OperationCanceledException) when (_abandoned)
        {
            result = new StepAttemptResult { StepId = work.Step.Id, Attempt = work.Attempt, State = StepAttemptState.Lost, Error = "the attempt's silo stopped" };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            result = Failed(work, "the attempt was cancelled");
        }
        catch (StepFailedException e)
        {
            result = Failed(work, e.Message);
        }
        catch (Exception e)
        {
            // Any other exception is a failed attempt too (the retry policy decides); the message names its type.
            result = Failed(work, $"{e.GetType().Name}: {e.Message}");
        }

        _result = result;
        _telemetry.StepAttemptFinished(work.Step.TypeName, result.State, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        MaestroTelemetry.SetOutcome(activity, result);
        await _onSiloStopping.DisposeAsync();
        LogAttemptFinished(work.RunKey, work.Step.Id, work.Attempt, result.State, result.Error);
        try
        {
            await GrainFactory.GetGrain<IRunGrain>(work.RunKey).OnStepAttemptFinishedAsync(result);
        }
        catch (Exception e)
        {
            // One-way, so this only fails when the silo is going away; the run's polling learns the result anyway.
            LogReportFailed(e, work.RunKey, work.Step.Id, work.Attempt);
        }
    }

    private void Abandon()
    {
        _abandoned = true;
        try
        {
            _cancellation?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // already finished
        }
    }

    private static StepAttemptResult Failed(StepWork work, string error) =>
        new() { StepId = work.Step.Id, Attempt = work.Attempt, State = StepAttemptState.Failed, Error = error };

    private (string StepId, int Attempt) ParseKey()
    {
        // workflowId/runNumber/stepId/attempt
        var parts = this.GetPrimaryKeyString().Split('/');
        return parts.Length >= 4 && int.TryParse(parts[^1], out var attempt) ? (parts[^2], attempt) : (this.GetPrimaryKeyString(), 0);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunKey} step {StepId} attempt {Attempt}: could not report the result")]
    private partial void LogReportFailed(Exception exception, string runKey, string stepId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunKey} step {StepId} attempt {Attempt}: {State} {Error}")]
    private partial void LogAttemptFinished(string runKey, string stepId, int attempt, StepAttemptState state, string? error);
}
