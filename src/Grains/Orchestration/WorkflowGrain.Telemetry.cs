namespace OrleansMaestro.Grains.Orchestration;

// Telemetry: the freshness and queue gauges are reported by the silo that hosts the workflow's grain.
public sealed partial class WorkflowGrain
{
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Its next activation (perhaps on another silo) reports them; this silo must not keep a stale copy.
        _telemetry.WorkflowGone(WorkflowId);
        return Task.CompletedTask;
    }
}
