using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Api;

/// <summary>A stored definition's version (201 Created from POST /workflows).</summary>
public sealed record WorkflowVersionCreated
{
    public required string WorkflowId { get; init; }

    public required int Version { get; init; }
}

/// <summary>The runs an external signal started, one per workflow that triggers on it.</summary>
[GenerateSerializer, Alias("maestro.SignalAccepted")]
public sealed record SignalAccepted
{
    [Id(0)] public required string Signal { get; init; }

    [Id(1)] public IReadOnlyList<RunReference> Runs { get; init; } = [];
}

/// <summary>One entry of the workflow list (kept by the workflow registry grain).</summary>
[GenerateSerializer, Alias("maestro.WorkflowSummary")]
public sealed record WorkflowSummary
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public string? Description { get; init; }

    /// <summary>The version new runs use.</summary>
    [Id(2)] public int ActiveVersion { get; init; }

    [Id(3)] public int LatestVersion { get; init; }

    [Id(4)] public RunStrategy Strategy { get; init; } = RunStrategy.Sequential;

    /// <summary>Tables the workflow reads (table triggers and SQL inputs), <c>namespace.table</c>.</summary>
    [Id(5)] public IReadOnlyList<string> Reads { get; init; } = [];

    /// <summary>Tables the workflow writes (SQL step targets).</summary>
    [Id(6)] public IReadOnlyList<string> Writes { get; init; } = [];

    /// <summary>External signals that start it.</summary>
    [Id(7)] public IReadOnlyList<string> Signals { get; init; } = [];

    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One table of the catalog as the table list shows it.</summary>
[GenerateSerializer, Alias("maestro.TableSummary")]
public sealed record TableSummary
{
    [Id(0)] public required string Table { get; init; }

    [Id(1)] public long? CurrentSnapshotId { get; init; }

    [Id(2)] public DateTimeOffset? LastCommitAt { get; init; }
}

/// <summary>One table with its history and the workflows around it.</summary>
[GenerateSerializer, Alias("maestro.TableDetails")]
public sealed record TableDetails
{
    [Id(0)] public required string Table { get; init; }

    [Id(1)] public required string MetadataLocation { get; init; }

    [Id(2)] public int FormatVersion { get; init; }

    [Id(3)] public long? CurrentSnapshotId { get; init; }

    [Id(4)] public long CurrentSequenceNumber { get; init; }

    [Id(5)] public DateTimeOffset? LastCommitAt { get; init; }

    /// <summary>The snapshots in commit order (oldest first).</summary>
    [Id(6)] public IReadOnlyList<SnapshotEntry> Snapshots { get; init; } = [];

    /// <summary>Workflows that the table's commits signal.</summary>
    [Id(7)] public IReadOnlyList<string> Subscribers { get; init; } = [];

    /// <summary>Workflows that write the table.</summary>
    [Id(8)] public IReadOnlyList<string> Writers { get; init; } = [];

    /// <summary>The current schema's columns, in order.</summary>
    [Id(9)] public IReadOnlyList<TableColumn> Columns { get; init; } = [];
}

[GenerateSerializer, Alias("maestro.SnapshotEntry")]
public sealed record SnapshotEntry
{
    [Id(0)] public required long SnapshotId { get; init; }

    [Id(1)] public long? ParentSnapshotId { get; init; }

    [Id(2)] public long SequenceNumber { get; init; }

    [Id(3)] public DateTimeOffset CommittedAt { get; init; }

    /// <summary>The snapshot summary's operation (<c>append</c>, <c>overwrite</c>, ...).</summary>
    [Id(4)] public string? Operation { get; init; }

    /// <summary>The whole snapshot summary (incl. the <c>maestro.*</c> markers of the run that wrote it).</summary>
    [Id(5)] public IReadOnlyDictionary<string, string> Summary { get; init; } = new Dictionary<string, string>();
}

[GenerateSerializer, Alias("maestro.TableColumn")]
public sealed record TableColumn
{
    [Id(0)] public required int FieldId { get; init; }

    [Id(1)] public required string Name { get; init; }

    /// <summary>The Iceberg type as the spec writes it (<c>long</c>, <c>decimal(10,2)</c>, <c>struct&lt;...&gt;</c>).</summary>
    [Id(2)] public required string Type { get; init; }

    [Id(3)] public bool Required { get; init; }
}
