namespace OrleansMaestro.Abstractions.Runs;

public enum StepAttemptState
{
    Running,
    Succeeded,
    Failed,

    /// <summary>The attempt's grain has no work: its silo died (or it was never started). The run retries it.</summary>
    Lost,
}
