namespace OrleansMaestro.Abstractions.Runs;

public static class RunStatusExtensions
{
    /// <summary>Whether nothing more happens to the run or step (unless it is restarted).</summary>
    public static bool IsFinal(this RunStatus status) =>
        status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Stopped or RunStatus.TimedOut;
}
