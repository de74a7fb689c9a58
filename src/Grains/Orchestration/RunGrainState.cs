using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Grains.Orchestration;

[GenerateSerializer, Alias("maestro.RunGrainState")]
public sealed class RunGrainState
{
    [Id(0)] public RunPlan? Plan { get; set; }

    [Id(1)] public RunStatus Status { get; set; } = RunStatus.Created;

    [Id(2)] public Dictionary<string, StepRunState> Steps { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    [Id(4)] public DateTimeOffset? StartedAt { get; set; }

    [Id(5)] public DateTimeOffset? FinishedAt { get; set; }

    [Id(6)] public string? Error { get; set; }

    [Id(7)] public int Restarts { get; set; }

    /// <summary>Counts the writes of this state (<see cref="Abstractions.Runs.RunInfo.Revision"/>).</summary>
    [Id(8)] public long Revision { get; set; }
}
