using OrleansMaestro.Abstractions.Grains;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Api;

/// <summary>Body of a manual run start: values for the workflow's declared parameters (the rest take their defaults).</summary>
public sealed record StartRunRequest
{
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>Body of a backfill: the snapshot ranges of source tables to run over, outside the run strategy; moves no watermark.</summary>
public sealed record BackfillRequest
{
    public required IReadOnlyList<SnapshotRange> Sources { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>Body of an external signal (e.g. from a Kafka consumer): values for the parameters of the runs it starts.</summary>
public sealed record SignalRequest
{
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}

/// <summary>Filters for listing runs; every one is optional.</summary>
[GenerateSerializer, Alias("maestro.RunQuery")]
public sealed record RunQuery
{
    /// <summary>One workflow's runs (null: every registered workflow's).</summary>
    [Id(0)] public string? WorkflowId { get; init; }

    [Id(1)] public RunStatus? Status { get; init; }

    /// <summary>Runs created at or after this instant.</summary>
    [Id(2)] public DateTimeOffset? Since { get; init; }

    /// <summary>Runs created before this instant.</summary>
    [Id(3)] public DateTimeOffset? Until { get; init; }

    /// <summary>The most to return, newest first (1..<see cref="MaxLimit"/>).</summary>
    [Id(4)] public int Limit { get; init; } = 100;

    public const int MaxLimit = 1000;

    /// <summary>
    /// Newest first: by <see cref="RunInfo.CreatedAt"/> descending, then workflow id, then run number descending.
    /// </summary>
    public static IComparer<RunInfo> NewestFirst { get; } = Comparer<RunInfo>.Create((a, b) =>
    {
        var byTime = b.CreatedAt.CompareTo(a.CreatedAt);
        if (byTime != 0)
        {
            return byTime;
        }

        var byWorkflow = string.CompareOrdinal(a.WorkflowId, b.WorkflowId);
        return byWorkflow != 0 ? byWorkflow : b.RunNumber.CompareTo(a.RunNumber);
    });

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> (parameter <c>limit</c>) for a limit outside 1..<see cref="MaxLimit"/>,
    /// and <see cref="ArgumentException"/> (parameter <c>until</c>) when <see cref="Until"/> is not after <see cref="Since"/>.
    /// </summary>
    public void ThrowIfInvalid()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw new FieldOutOfRangeException("limit", $"limit must be between 1 and {MaxLimit}, not {Limit}.");
        }

        if (Since is { } since && Until is { } until && until <= since)
        {
            throw new InvalidFieldException($"until ({until:O}) must be after since ({since:O}).", "until");
        }
    }

    /// <summary>Whether <paramref name="run"/> passes the filters (the limit aside).</summary>
    public bool Matches(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (WorkflowId is null || run.WorkflowId == WorkflowId)
            && (Status is null || run.Status == Status)
            && (Since is null || run.CreatedAt >= Since)
            && (Until is null || run.CreatedAt < Until);
    }
}
