namespace OrleansMaestro.Grains.Orchestration;

/// <summary>The snapshot ranges one run took; watermarks advance over the claims that succeeded, in order.</summary>
[GenerateSerializer, Alias("maestro.RunClaim")]
public sealed class RunClaim
{
    [Id(0)] public long RunNumber { get; set; }

    /// <summary>Per source table, the last snapshot of the run's range.</summary>
    [Id(1)] public Dictionary<string, long> To { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public ClaimState State { get; set; } = ClaimState.Active;
}

public enum ClaimState
{
    Active,
    Succeeded,

    /// <summary>The run failed; its snapshots stay unconsumed until it is restarted or a later run supersedes it.</summary>
    Failed,
}
