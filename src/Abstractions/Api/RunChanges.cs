using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Api;

/// <summary>The events between two observations of one run (what a watch reports when the run moved).</summary>
public static class RunChanges
{
    /// <summary>
    /// One <see cref="RunEventTypes.StepChanged"/> event per step whose status or attempt count differs between
    /// <paramref name="before"/> and <paramref name="after"/> (in definition order), and one
    /// <see cref="RunEventTypes.RunStatusChanged"/> event when the run's status differs. The run event comes first, so a
    /// viewer sees the run start before its steps, except when the run reached a final status: then it comes last, so
    /// the final event of a watch is the one that shows the run's end. Every event carries <paramref name="after"/>;
    /// sequence numbers count on from <paramref name="nextSequence"/>. Empty when nothing a viewer shows changed.
    /// </summary>
    public static IReadOnlyList<RunEvent> Between(RunInfo before, RunInfo after, long nextSequence)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var previous = new Dictionary<string, StepInfo>(StringComparer.Ordinal);
        foreach (var step in before.Steps)
        {
            previous.TryAdd(step.StepId, step);
        }

        var steps = after.Steps
            .Where(s => !previous.TryGetValue(s.StepId, out var old) || old.Status != s.Status || old.Attempts != s.Attempts)
            .ToArray();
        var runChanged = before.Status != after.Status;
        var runFirst = runChanged && !after.Status.IsFinal();

        var events = new List<RunEvent>(steps.Length + 1);
        if (runFirst)
        {
            events.Add(RunEvent(after, nextSequence + events.Count));
        }

        foreach (var step in steps)
        {
            events.Add(new RunEvent
            {
                Sequence = nextSequence + events.Count,
                Type = RunEventTypes.StepChanged,
                StepId = step.StepId,
                Status = step.Status,
                Attempts = step.Attempts,
                Error = step.Error,
                Run = after,
            });
        }

        if (runChanged && !runFirst)
        {
            events.Add(RunEvent(after, nextSequence + events.Count));
        }

        return events;
    }

    /// <summary>The first event of a watch: the run as it is.</summary>
    public static RunEvent Snapshot(RunInfo run, long sequence) => new()
    {
        Sequence = sequence,
        Type = RunEventTypes.Snapshot,
        Status = run.Status,
        Error = run.Error,
        Run = run,
    };

    private static RunEvent RunEvent(RunInfo run, long sequence) => new()
    {
        Sequence = sequence,
        Type = RunEventTypes.RunStatusChanged,
        Status = run.Status,
        Error = run.Error,
        Run = run,
    };
}
