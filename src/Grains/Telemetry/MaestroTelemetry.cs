using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Grains.Steps.Sql;

namespace OrleansMaestro.Grains.Telemetry;

/// <summary>
/// The meter and activity source "OrleansMaestro" (one singleton per silo, registered by
/// <c>AddMaestroOrchestration</c>). Grains call one method per event; every name, unit and tag is here, so
/// docs/telemetry.md and the dashboards have one place to follow.
/// </summary>
public sealed class MaestroTelemetry : IDisposable
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "OrleansMaestro";

    private readonly Counter<long> _tableCommits;
    private readonly Histogram<double> _signalDelay;
    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsFinished;
    private readonly Histogram<double> _runDuration;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _stepFailures;
    private readonly Counter<long> _filesRead;
    private readonly Counter<long> _bytesRead;
    private readonly Counter<long> _filesWritten;
    private readonly Counter<long> _bytesWritten;
    private readonly Histogram<long> _plannedFiles;
    private readonly FreshnessTracker _freshness;

    public MaestroTelemetry(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(Name);
        ActivitySource = new ActivitySource(Name);
        _freshness = new FreshnessTracker(time);
        _tableCommits = Meter.CreateCounter<long>("maestro.table.commits", "{commit}", "New snapshots seen on a table (pushed by the catalog or found by polling).");
        _signalDelay = Meter.CreateHistogram<double>("maestro.signal.delay", "s", "From the newest source commit a run covers to the run's start.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300] });
        _runsStarted = Meter.CreateCounter<long>("maestro.runs.started", "{run}", "Runs that started running.");
        _runsFinished = Meter.CreateCounter<long>("maestro.runs.finished", "{run}", "Runs that ended, by final state.");
        _runDuration = Meter.CreateHistogram<double>("maestro.run.duration", "s", "From a run's start to its end.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600] });
        _stepDuration = Meter.CreateHistogram<double>("maestro.step.duration", "s", "One step attempt, by step type and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900] });
        _stepFailures = Meter.CreateCounter<long>("maestro.step.failures", "{attempt}", "Step attempts that failed (each retry counts).");
        _filesRead = Meter.CreateCounter<long>("maestro.step.files.read", "{file}", "Data files steps read.");
        _bytesRead = Meter.CreateCounter<long>("maestro.step.read", "By", "Bytes of the data files steps read.");
        _filesWritten = Meter.CreateCounter<long>("maestro.step.files.written", "{file}", "Data files steps wrote.");
        _bytesWritten = Meter.CreateCounter<long>("maestro.step.written", "By", "Bytes of the data files steps wrote.");
        _plannedFiles = Meter.CreateHistogram<long>("maestro.scan.planned.files", "{file}", "Files planned for one incremental input of a step.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000] });
        Meter.CreateObservableGauge("maestro.freshness.lag.snapshots", _freshness.LagSnapshots, "{snapshot}",
            "How many snapshots a workflow's watermark is behind a source table.");
        Meter.CreateObservableGauge("maestro.freshness.lag", _freshness.LagSeconds, "s",
            "How long the oldest snapshot of a source that the workflow has not consumed has waited (0 when caught up).");
        Meter.CreateObservableGauge("maestro.queue.depth", _freshness.QueueDepths, "{run}", "Runs queued in a workflow, waiting for the run strategy.");
    }

    public Meter Meter { get; }

    public ActivitySource ActivitySource { get; }

    public void TableCommitted(string table) => _tableCommits.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Table, table));

    /// <summary>A run started running; <paramref name="signalDelay"/> is commit-to-start when a commit triggered it.</summary>
    public void RunStarted(RunPlan plan, TimeSpan? signalDelay)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var workflow = new KeyValuePair<string, object?>(TelemetryTags.Workflow, plan.Definition.Id);
        _runsStarted.Add(1, workflow, new(TelemetryTags.Trigger, plan.Trigger));
        if (signalDelay is { } delay)
        {
            _signalDelay.Record(Math.Max(0, delay.TotalSeconds), workflow);
        }
    }

    public void RunFinished(RunPlan plan, RunStatus status, TimeSpan? duration)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var workflow = new KeyValuePair<string, object?>(TelemetryTags.Workflow, plan.Definition.Id);
        var state = new KeyValuePair<string, object?>(TelemetryTags.State, StateName(status));
        _runsFinished.Add(1, workflow, new(TelemetryTags.Trigger, plan.Trigger), state);
        if (duration is { } d)
        {
            _runDuration.Record(Math.Max(0, d.TotalSeconds), workflow, state);
        }
    }

    public void StepAttemptFinished(string stepType, StepAttemptState outcome, TimeSpan elapsed)
    {
        var type = new KeyValuePair<string, object?>(TelemetryTags.StepType, stepType);
        _stepDuration.Record(elapsed.TotalSeconds, type, new(TelemetryTags.Outcome, outcome.ToString().ToLowerInvariant()));
        if (outcome == StepAttemptState.Failed)
        {
            _stepFailures.Add(1, type);
        }
    }

    /// <summary>What one step attempt read and wrote (data files and their bytes).</summary>
    public void StepIo(StepWork work, long filesRead, long bytesRead, long filesWritten, long bytesWritten)
    {
        ArgumentNullException.ThrowIfNull(work);
        KeyValuePair<string, object?>[] tags = [new(TelemetryTags.Workflow, work.WorkflowId), new(TelemetryTags.StepType, work.Step.TypeName)];
        _filesRead.Add(filesRead, tags);
        _bytesRead.Add(bytesRead, tags);
        _filesWritten.Add(filesWritten, tags);
        _bytesWritten.Add(bytesWritten, tags);
    }

    /// <summary>The files planned for each incremental input of a SQL step (full inputs read a table's live files, not a scan of new ones).</summary>
    public void SqlInputsPlanned(StepWork work, IReadOnlyList<SqlInputPlan> inputs)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var input in inputs.Where(i => i.Mode == SqlInputMode.Incremental))
        {
            _plannedFiles.Record(input.Tasks.Count, new KeyValuePair<string, object?>(TelemetryTags.Workflow, work.WorkflowId), new(TelemetryTags.Table, input.Table.ToString()));
        }
    }

    /// <summary>The workflow's sources and queue as its state has them now (for the freshness and queue gauges).</summary>
    public void WorkflowChanged(string workflowId, WorkflowGrainState state) => _freshness.Report(workflowId, state);

    public void WorkflowGone(string workflowId) => _freshness.Forget(workflowId);

    /// <summary>A commit to <paramref name="table"/> (child of the current activity: the step that committed, if any).</summary>
    public Activity? StartCommit(string table, long? snapshotId) =>
        ActivitySource.StartActivity("maestro.table.commit", ActivityKind.Producer)?
            .SetTag(TelemetryTags.Table, table)
            .SetTag(TelemetryTags.SnapshotId, snapshotId);

    /// <summary>A workflow told of a new snapshot of a source (child of the call that carried the signal).</summary>
    public Activity? StartSignal(string workflowId, string table, long snapshotId) =>
        ActivitySource.StartActivity("maestro.workflow.signal", ActivityKind.Consumer)?
            .SetTag(TelemetryTags.Workflow, workflowId)
            .SetTag(TelemetryTags.Table, table)
            .SetTag(TelemetryTags.SnapshotId, snapshotId);

    /// <summary>An external signal posted to a workflow (child of the call that posted it, e.g. the API request).</summary>
    public Activity? StartExternalSignal(string workflowId, string signal) =>
        ActivitySource.StartActivity("maestro.workflow.signal", ActivityKind.Consumer)?
            .SetTag(TelemetryTags.Workflow, workflowId)
            .SetTag(TelemetryTags.Signal, signal);

    /// <summary>
    /// A run's span, from its start to its end across many grain turns: started under the plan's trace parent and
    /// NOT left as <see cref="Activity.Current"/>, so the turn that started it does not parent unrelated work on it.
    /// </summary>
    public Activity? StartRun(RunPlan plan, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var previous = Activity.Current;
        try
        {
            var parent = Parse(plan.TraceParent);
            var activity = ActivitySource.StartActivity(ActivityKind.Internal, parent ?? default, name: "maestro.run", startTime: startedAt);
            return activity?
                .SetTag(TelemetryTags.Workflow, plan.Definition.Id)
                .SetTag(TelemetryTags.RunNumber, plan.RunNumber)
                .SetTag(TelemetryTags.Trigger, plan.Trigger);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    /// <summary>Ends a span started by <see cref="StartRun"/> without changing the caller's current activity.</summary>
    public static void EndDetached(Activity? activity, RunStatus status)
    {
        if (activity is null)
        {
            return;
        }

        var previous = Activity.Current;
        activity.SetTag(TelemetryTags.State, StateName(status));
        activity.SetStatus(status == RunStatus.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        activity.Stop();
        Activity.Current = previous;
    }

    /// <summary>One step attempt (current for the attempt's work, so a commit it makes is its child).</summary>
    public Activity? StartStep(StepWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var parent = Parse(work.TraceParent);
        return ActivitySource.StartActivity(ActivityKind.Internal, parent ?? Activity.Current?.Context ?? default, name: "maestro.step")?
            .SetTag(TelemetryTags.Workflow, work.WorkflowId)
            .SetTag(TelemetryTags.RunNumber, work.RunNumber)
            .SetTag(TelemetryTags.StepId, work.Step.Id)
            .SetTag(TelemetryTags.StepType, work.Step.TypeName)
            .SetTag(TelemetryTags.Attempt, work.Attempt);
    }

    /// <summary>Marks a step attempt's span with its outcome (ended by the caller).</summary>
    public static void SetOutcome(Activity? activity, StepAttemptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        activity?.SetTag(TelemetryTags.Outcome, result.State.ToString().ToLowerInvariant())
            .SetStatus(result.State == StepAttemptState.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.Error);
    }

    /// <summary>The W3C traceparent of the current activity (null when nothing is traced).</summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>Keeps the current traceparent under <paramref name="key"/> (or forgets the key when nothing is traced).</summary>
    public static void RememberTraceParent(Dictionary<string, string> traceParents, string key)
    {
        ArgumentNullException.ThrowIfNull(traceParents);
        if (CurrentTraceParent() is { } traceParent)
        {
            traceParents[key] = traceParent;
        }
        else
        {
            traceParents.Remove(key);
        }
    }

    public void Dispose()
    {
        ActivitySource.Dispose();
        Meter.Dispose();
    }

    private static ActivityContext? Parse(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : null;

    private static string StateName(RunStatus status) => status.ToString().ToLowerInvariant();
}
