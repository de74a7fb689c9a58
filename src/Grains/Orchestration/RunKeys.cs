namespace OrleansMaestro.Grains.Orchestration;

/// <summary>Grain keys of runs and step attempts.</summary>
public static class RunKeys
{
    public static string Run(string workflowId, long runNumber) => $"{workflowId}/{runNumber}";

    public static string StepAttempt(string runKey, string stepId, int attempt) => $"{runKey}/{stepId}/{attempt}";
}
