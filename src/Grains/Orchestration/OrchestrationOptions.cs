namespace OrleansMaestro.Grains.Orchestration;

/// <summary>Timings of the orchestration grains (section <c>Maestro:Orchestration</c>).</summary>
public sealed class OrchestrationOptions
{
    public const string Section = "Maestro:Orchestration";

    /// <summary>How often a table with subscribers is reloaded from the catalog, for writers that commit around this system.</summary>
    public TimeSpan TablePollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a workflow reconciles its sources with the tables and checks its active runs (signals are only hints).</summary>
    public TimeSpan WorkflowReconcileInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Period of each workflow's keep-alive reminder, which reactivates the workflow (and through it its runs) after the
    /// silo holding it died. Orleans refuses reminder periods under <c>ReminderOptions.MinimumReminderPeriod</c> (1 minute by default).
    /// </summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a running run checks its step attempts (lost silos, timeouts, backoff expiry).</summary>
    public TimeSpan RunPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts of one step that may be lost with their silo before the step fails (lost attempts do not count as retries).</summary>
    public int MaxLostAttempts { get; set; } = 5;

    /// <summary>Runs a workflow lists (older run grains keep their state but are no longer listed).</summary>
    public int RunHistory { get; set; } = 200;
}
