using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Api;

/// <summary>
/// One change of a watched run: the run's status (<see cref="StepId"/> null) or a step's status or attempt moved.
/// Each event carries the whole run as it is after the change, so a viewer can redraw from any event.
/// </summary>
public sealed record RunEvent
{
    /// <summary>Counts from 1 within one watch.</summary>
    public required long Sequence { get; init; }

    /// <summary><see cref="RunEventTypes"/>.</summary>
    public required string Type { get; init; }

    public string? StepId { get; init; }

    public RunStatus Status { get; init; }

    public int Attempts { get; init; }

    public string? Error { get; init; }

    public required RunInfo Run { get; init; }
}

public static class RunEventTypes
{
    /// <summary>The first event of a watch: the run as it is now.</summary>
    public const string Snapshot = "snapshot";

    public const string RunStatusChanged = "run";

    public const string StepChanged = "step";
}
