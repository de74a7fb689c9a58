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

    /// <summary>The most to return, newest first (1..1000).</summary>
    [Id(4)] public int Limit { get; init; } = 100;
}
