namespace OrleansMaestro.Grains.Telemetry;

/// <summary>The tag (Prometheus label) names of the <see cref="MaestroTelemetry"/> instruments and activities.</summary>
public static class TelemetryTags
{
    public const string Workflow = "workflow";
    public const string Table = "table";
    public const string Trigger = "trigger";
    public const string State = "state";
    public const string StepType = "step_type";
    public const string Outcome = "outcome";
    public const string RunNumber = "maestro.run_number";
    public const string StepId = "maestro.step_id";
    public const string Attempt = "maestro.attempt";
    public const string Signal = "maestro.signal";
    public const string SnapshotId = "maestro.snapshot_id";
}
