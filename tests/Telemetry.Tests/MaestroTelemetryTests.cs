using Microsoft.Extensions.DependencyInjection;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Orchestration;
using OrleansMaestro.Grains.Telemetry;

namespace OrleansMaestro.Telemetry.Tests;

/// <summary>The instruments of <see cref="MaestroTelemetry"/>: names, units, tags and values, read with a MeterListener.</summary>
public sealed class MaestroTelemetryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly ManualTime _time = new(T0);
    private readonly MaestroTelemetry _telemetry;
    private readonly MeasurementRecorder _recorder;

    public MaestroTelemetryTests()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _telemetry = new MaestroTelemetry(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), _time);
        _recorder = new MeasurementRecorder(_telemetry.Meter);
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _telemetry.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Table_commits_count_one_per_new_snapshot_by_table()
    {
        _telemetry.TableCommitted("raw.events");
        _telemetry.TableCommitted("raw.events");
        _telemetry.TableCommitted("agg.event_counts");

        var commits = _recorder.Of("maestro.table.commits");
        Assert.Equal(2, commits.Count(m => m.Tags["table"] == "raw.events"));
        Assert.Single(commits, m => m.Tags["table"] == "agg.event_counts");
        Assert.All(commits, m => Assert.Equal(1, m.Value));
    }

    [Fact]
    public void A_started_run_counts_by_workflow_and_trigger_and_records_its_signal_delay_in_seconds()
    {
        _telemetry.RunStarted(Plan("wf", RunTriggers.Table), TimeSpan.FromMilliseconds(1500));
        _telemetry.RunStarted(Plan("wf", RunTriggers.Manual), signalDelay: null);

        var started = _recorder.Of("maestro.runs.started");
        Assert.Equal(["table", "manual"], started.Select(m => m.Tags["trigger"]));
        Assert.All(started, m => Assert.Equal("wf", m.Tags["workflow"]));
        var delay = Assert.Single(_recorder.Of("maestro.signal.delay"));
        Assert.Equal("s", delay.Unit);
        Assert.Equal(1.5, delay.Value, 6);
        Assert.Equal("wf", delay.Tags["workflow"]);
    }

    [Fact]
    public void A_finished_run_counts_by_workflow_trigger_and_lower_case_state_and_records_its_duration()
    {
        _telemetry.RunFinished(Plan("wf", RunTriggers.Cron), RunStatus.TimedOut, TimeSpan.FromSeconds(3));
        _telemetry.RunFinished(Plan("wf", RunTriggers.Cron), RunStatus.Stopped, duration: null); // skipped before it started

        var finished = _recorder.Of("maestro.runs.finished");
        Assert.Equal(["timedout", "stopped"], finished.Select(m => m.Tags["state"]));
        Assert.All(finished, m => Assert.Equal("cron", m.Tags["trigger"]));
        Assert.Equal(3, Assert.Single(_recorder.Of("maestro.run.duration")).Value);
    }

    [Fact]
    public void Step_attempts_record_duration_by_type_and_outcome_and_only_failed_ones_count_as_failures()
    {
        _telemetry.StepAttemptFinished("sql", StepAttemptState.Succeeded, TimeSpan.FromSeconds(2));
        _telemetry.StepAttemptFinished("shell", StepAttemptState.Failed, TimeSpan.FromSeconds(1));
        _telemetry.StepAttemptFinished("sql", StepAttemptState.Lost, TimeSpan.FromSeconds(4));

        var durations = _recorder.Of("maestro.step.duration");
        Assert.Equal(["sql/succeeded/2", "shell/failed/1", "sql/lost/4"], durations.Select(m => $"{m.Tags["step_type"]}/{m.Tags["outcome"]}/{m.Value}"));
        var failure = Assert.Single(_recorder.Of("maestro.step.failures"));
        Assert.Equal("shell", failure.Tags["step_type"]);
    }

    [Fact]
    public void Step_io_counts_files_and_bytes_read_and_written_by_workflow_and_step_type()
    {
        _telemetry.StepIo(Work("wf"), filesRead: 3, bytesRead: 3000, filesWritten: 1, bytesWritten: 700);

        Assert.Equal(3, Assert.Single(_recorder.Of("maestro.step.files.read")).Value);
        Assert.Equal(3000, Assert.Single(_recorder.Of("maestro.step.read")).Value);
        Assert.Equal(1, Assert.Single(_recorder.Of("maestro.step.files.written")).Value);
        var written = Assert.Single(_recorder.Of("maestro.step.written"));
        Assert.Equal(700, written.Value);
        Assert.Equal("By", written.Unit);
        Assert.Equal("wf", written.Tags["workflow"]);
        Assert.Equal("noop", written.Tags["step_type"]);
    }

    [Fact]
    public void Freshness_lag_is_the_sequence_distance_and_the_wait_of_the_oldest_unconsumed_snapshot_and_zero_when_caught_up()
    {
        var state = new WorkflowGrainState();
        Latest(state, "raw.events", snapshot: 11, sequence: 1, T0);
        state.Watermarks["raw.events"] = 11;
        _telemetry.WorkflowChanged("wf", state);

        Latest(state, "raw.events", snapshot: 12, sequence: 2, T0.AddSeconds(10));
        _telemetry.WorkflowChanged("wf", state);
        Latest(state, "raw.events", snapshot: 13, sequence: 3, T0.AddSeconds(20));
        _telemetry.WorkflowChanged("wf", state);
        _time.Now = T0.AddSeconds(25);

        Assert.Equal((2, 15), Lag("wf", "raw.events")); // 12 and 13 unconsumed; 12 has waited since T0+10

        state.Watermarks["raw.events"] = 12; // a run consumed 12
        _telemetry.WorkflowChanged("wf", state);
        Assert.Equal((1, 5), Lag("wf", "raw.events"));

        state.Watermarks["raw.events"] = 13;
        _telemetry.WorkflowChanged("wf", state);
        Assert.Equal((0, 0), Lag("wf", "raw.events"));
    }

    [Fact]
    public void A_source_the_active_version_no_longer_reads_is_no_longer_reported()
    {
        var state = new WorkflowGrainState();
        state.Versions.Add(new WorkflowDefinition { Id = "wf", Triggers = [new TableTrigger { Tables = ["a.kept", "a.dropped"] }], Steps = [new NoopStep { Id = "s" }] });
        Latest(state, "a.kept", snapshot: 1, sequence: 1, T0);
        Latest(state, "a.dropped", snapshot: 2, sequence: 1, T0);
        _telemetry.WorkflowChanged("wf", state);
        Assert.Equal(["a.dropped", "a.kept"], ReportedTables());

        state.Versions.Add(new WorkflowDefinition { Id = "wf", Triggers = [new TableTrigger { Tables = ["a.kept"] }], Steps = [new NoopStep { Id = "s" }] });
        state.ActiveVersion = 2;
        _telemetry.WorkflowChanged("wf", state);

        Assert.Equal(["a.kept"], ReportedTables());
    }

    private string[] ReportedTables()
    {
        _recorder.Collect();
        return [.. _recorder.Of("maestro.freshness.lag.snapshots").Select(m => m.Tags["table"] ?? "").Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Freshness_of_a_format_v1_source_counts_the_snapshots_heard_of_since_the_watermark()
    {
        var state = new WorkflowGrainState();
        Latest(state, "v1.table", snapshot: 5, sequence: 0, T0);
        _telemetry.WorkflowChanged("wf", state);
        Latest(state, "v1.table", snapshot: 6, sequence: 0, T0.AddSeconds(1));
        _telemetry.WorkflowChanged("wf", state);

        Assert.Equal(2, Lag("wf", "v1.table").Snapshots); // nothing consumed yet: both are behind

        state.Watermarks["v1.table"] = 5;
        _telemetry.WorkflowChanged("wf", state);
        Assert.Equal(1, Lag("wf", "v1.table").Snapshots);
    }

    [Fact]
    public void Queue_depth_follows_the_pending_starts_and_a_deleted_workflow_has_no_series()
    {
        var state = new WorkflowGrainState();
        state.Pending.Add(new PendingStart { RunNumber = 1 });
        state.Pending.Add(new PendingStart { RunNumber = 2 });
        Latest(state, "raw.events", snapshot: 1, sequence: 1, T0);
        _telemetry.WorkflowChanged("wf", state);

        _recorder.Collect();
        var depth = Assert.Single(_recorder.Of("maestro.queue.depth"));
        Assert.Equal(2, depth.Value);
        Assert.Equal("wf", depth.Tags["workflow"]);

        _telemetry.WorkflowGone("wf");
        _recorder.Collect();
        Assert.Empty(_recorder.Of("maestro.queue.depth"));
        Assert.Empty(_recorder.Of("maestro.freshness.lag"));
        Assert.Empty(_recorder.Of("maestro.freshness.lag.snapshots"));
    }

    [Fact]
    public void Planned_files_are_recorded_for_incremental_inputs_only()
    {
        var table = OrleansMaestro.Iceberg.Catalog.TableIdentifier.Parse("raw.events");
        var schema = new OrleansMaestro.Iceberg.Spec.Schema(0, []);
        _telemetry.SqlInputsPlanned(Work("wf"),
        [
            new OrleansMaestro.Grains.Steps.Sql.SqlInputPlan("events", table, SqlInputMode.Incremental, schema, [], Range: null),
            new OrleansMaestro.Grains.Steps.Sql.SqlInputPlan("all", table, SqlInputMode.Full, schema, [], Range: null),
        ]);

        var planned = Assert.Single(_recorder.Of("maestro.scan.planned.files"));
        Assert.Equal(0, planned.Value);
        Assert.Equal("raw.events", planned.Tags["table"]);
    }

    private (long Snapshots, double Seconds) Lag(string workflow, string table)
    {
        _recorder.Collect();
        var snapshots = Assert.Single(_recorder.Of("maestro.freshness.lag.snapshots"), m => m.Tags["workflow"] == workflow && m.Tags["table"] == table);
        var seconds = Assert.Single(_recorder.Of("maestro.freshness.lag"), m => m.Tags["workflow"] == workflow && m.Tags["table"] == table);
        return ((long)snapshots.Value, seconds.Value);
    }

    private static void Latest(WorkflowGrainState state, string table, long snapshot, long sequence, DateTimeOffset committedAt)
    {
        state.Latest[table] = snapshot;
        state.LatestSequence[table] = sequence;
        state.LatestCommitAt[table] = committedAt;
    }

    internal static RunPlan Plan(string workflow, string trigger) => new()
    {
        Definition = new WorkflowDefinition { Id = workflow, Steps = [new NoopStep { Id = "a" }] },
        RunNumber = 1,
        Trigger = trigger,
    };

    internal static StepWork Work(string workflow, string? traceParent = null) => new()
    {
        WorkflowId = workflow,
        RunNumber = 1,
        Step = new NoopStep { Id = "a" },
        Attempt = 1,
        RunKey = $"{workflow}/1",
        TraceParent = traceParent,
    };
}
