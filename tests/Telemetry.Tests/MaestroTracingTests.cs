using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Telemetry;

namespace OrleansMaestro.Telemetry.Tests;

/// <summary>
/// The spans <see cref="MaestroTelemetry"/> makes and how they link, with an ActivityListener: the hand-offs the
/// grains make (traceparent into the plan, the run's span into the step work) keep commit, signal, run, step and
/// downstream commit in one trace. The end-to-end test sees the same chain exported by the real silo.
/// </summary>
public sealed class MaestroTracingTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MaestroTelemetry _telemetry;
    private readonly ActivityListener _listener;
    private readonly List<Activity> _stopped = [];

    public MaestroTracingTests()
    {
        _telemetry = new MaestroTelemetry(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), TimeProvider.System);
        _listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, _telemetry.ActivitySource),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (_stopped) { _stopped.Add(a); } },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _telemetry.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Commit_signal_run_step_and_downstream_commit_share_one_trace_through_the_stored_traceparents()
    {
        Activity.Current = null;
        string? planParent;
        using (var commit = _telemetry.StartCommit("raw.events", 1))
        using (var signal = _telemetry.StartSignal("wf", "raw.events", 1))
        {
            Assert.NotNull(commit);
            Assert.Equal(commit.SpanId, signal!.ParentSpanId);
            planParent = MaestroTelemetry.CurrentTraceParent(); // what the workflow grain keeps for the run's plan
        }

        Assert.Null(Activity.Current);
        var plan = MaestroTelemetryTests.Plan("wf", RunTriggers.Table) with { TraceParent = planParent };
        var run = _telemetry.StartRun(plan, DateTimeOffset.UtcNow);
        Assert.Null(Activity.Current); // the run's span lasts many grain turns; it is never left current
        using (var step = _telemetry.StartStep(MaestroTelemetryTests.Work("wf", run!.Id)))
        using (var downstream = _telemetry.StartCommit("agg.counts", 2))
        {
            Assert.Equal(run.SpanId, step!.ParentSpanId);
            Assert.Equal(step.SpanId, downstream!.ParentSpanId);
        }

        MaestroTelemetry.EndDetached(run, RunStatus.Succeeded);

        var names = _stopped.Select(a => a.OperationName).ToArray();
        Assert.Equal(["maestro.workflow.signal", "maestro.table.commit", "maestro.table.commit", "maestro.step", "maestro.run"], names);
        Assert.Single(_stopped.Select(a => a.TraceId).Distinct());
        Assert.Equal(ActivityStatusCode.Ok, run.Status);
        Assert.Equal("succeeded", run.GetTagItem(TelemetryTags.State));
    }

    [Fact]
    public void Ending_the_run_span_leaves_the_callers_current_activity_alone()
    {
        var run = _telemetry.StartRun(MaestroTelemetryTests.Plan("wf", RunTriggers.Manual), DateTimeOffset.UtcNow);
        using var caller = _telemetry.StartCommit("t.t", 1);
        MaestroTelemetry.EndDetached(run, RunStatus.Failed);

        Assert.Same(caller, Activity.Current);
        Assert.Equal(ActivityStatusCode.Error, run!.Status);
        Assert.NotEqual(caller!.TraceId, run.TraceId); // no parent: a run of its own trace
    }

    [Fact]
    public void A_step_span_carries_its_outcome_and_a_failed_attempt_is_an_error_with_its_message()
    {
        using var step = _telemetry.StartStep(MaestroTelemetryTests.Work("wf"));
        MaestroTelemetry.SetOutcome(step, new StepAttemptResult { StepId = "a", Attempt = 1, State = StepAttemptState.Failed, Error = "exit code 3" });

        Assert.Equal("failed", step!.GetTagItem(TelemetryTags.Outcome));
        Assert.Equal(ActivityStatusCode.Error, step.Status);
        Assert.Equal("exit code 3", step.StatusDescription);
        Assert.Equal("noop", step.GetTagItem(TelemetryTags.StepType));
    }

    [Fact]
    public void A_remembered_traceparent_is_dropped_when_nothing_is_traced()
    {
        var remembered = new Dictionary<string, string>(StringComparer.Ordinal);
        using (_telemetry.StartCommit("t.t", 1))
        {
            MaestroTelemetry.RememberTraceParent(remembered, "t.t");
        }

        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", remembered["t.t"]);
        Activity.Current = null;
        MaestroTelemetry.RememberTraceParent(remembered, "t.t");
        Assert.Empty(remembered);
    }
}
