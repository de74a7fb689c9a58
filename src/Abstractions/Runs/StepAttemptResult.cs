namespace OrleansMaestro.Abstractions.Runs;

/// <summary>The outcome (or current state) of one step attempt.</summary>
[GenerateSerializer, Alias("maestro.StepAttemptResult")]
public sealed record StepAttemptResult
{
    [Id(0)] public required string StepId { get; init; }

    [Id(1)] public required int Attempt { get; init; }

    [Id(2)] public required StepAttemptState State { get; init; }

    [Id(3)] public string? Error { get; init; }

    [Id(4)] public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();
}
