namespace OrleansMaestro.Abstractions.Runs;

/// <summary>The state of one step of a run, as users see it.</summary>
[GenerateSerializer, Alias("maestro.StepInfo")]
public sealed record StepInfo
{
    [Id(0)] public required string StepId { get; init; }

    [Id(1)] public RunStatus Status { get; init; } = RunStatus.Created;

    /// <summary>Attempts started so far (1 for the first).</summary>
    [Id(2)] public int Attempts { get; init; }

    [Id(3)] public DateTimeOffset? StartedAt { get; init; }

    [Id(4)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why the last attempt failed, when it did.</summary>
    [Id(5)] public string? Error { get; init; }

    /// <summary>What the step produced (e.g. <c>snapshot-id</c>, <c>rows</c>, <c>exit-code</c>).</summary>
    [Id(6)] public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();
}
