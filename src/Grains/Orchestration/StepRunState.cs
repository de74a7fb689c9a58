using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Orchestration;

/// <summary>The durable state of one step within its run.</summary>
[GenerateSerializer, Alias("maestro.StepRunState")]
public sealed class StepRunState
{
    [Id(0)] public RunStatus Status { get; set; } = RunStatus.Created;

    /// <summary>The attempt number of the latest step grain (every start, retry and replacement of a lost attempt counts).</summary>
    [Id(1)] public int Attempt { get; set; }

    /// <summary>Retries used under the retry policy (lost attempts do not count).</summary>
    [Id(2)] public int Retries { get; set; }

    [Id(3)] public int LostAttempts { get; set; }

    [Id(4)] public DateTimeOffset? FirstStartedAt { get; set; }

    [Id(5)] public DateTimeOffset? AttemptStartedAt { get; set; }

    [Id(6)] public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Backoff: the step is not started again before this time.</summary>
    [Id(7)] public DateTimeOffset? NotBefore { get; set; }

    [Id(8)] public string? Error { get; set; }

    [Id(9)] public Dictionary<string, string> Outputs { get; set; } = new(StringComparer.Ordinal);
}
