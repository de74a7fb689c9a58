using System.Text.Json.Serialization;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// A workflow: what starts it (<see cref="Triggers"/>), how its runs are scheduled (<see cref="Strategy"/>) and the DAG of
/// <see cref="Steps"/> each run walks. The JSON form is documented in docs/workflows.md and
/// docs/workflow-definition.schema.json; <see cref="WorkflowBuilder"/> builds the same thing in C#.
/// </summary>
[GenerateSerializer, Alias("maestro.WorkflowDefinition")]
public sealed record WorkflowDefinition
{
    /// <summary>Letters, digits, '-', '_' and '.'; the key of the workflow's grain.</summary>
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public string? Description { get; init; }

    /// <summary>Assigned by the workflow when the definition is stored (1, 2, ...); ignored on input.</summary>
    [Id(2)] public int Version { get; init; }

    [Id(3)] public IReadOnlyList<ParameterDefinition> Parameters { get; init; } = [];

    [Id(4)] public IReadOnlyList<TriggerDefinition> Triggers { get; init; } = [];

    [Id(5)] public RunStrategy Strategy { get; init; } = RunStrategy.Sequential;

    /// <summary>How many steps of one run may run at the same time (0: no limit).</summary>
    [Id(6)] public int StepConcurrency { get; init; }

    /// <summary>The longest a whole run may take before it is timed out (null: no limit).</summary>
    [Id(7)] public TimeSpan? RunTimeout { get; init; }

    /// <summary>The retry policy of steps that do not set their own.</summary>
    [Id(8)] public RetryPolicy Retry { get; init; } = RetryPolicy.None;

    [Id(9)] public IReadOnlyList<StepDefinition> Steps { get; init; } = [];

    /// <summary>The tables the table triggers watch, in definition order, without duplicates.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> SourceTables => Triggers.OfType<TableTrigger>().SelectMany(t => t.Tables).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Every table the workflow reads: its trigger tables and its SQL steps' inputs, in definition order, without duplicates.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ReadTables => SourceTables
        .Concat(Steps.OfType<SqlStep>().SelectMany(s => s.Inputs.Select(i => i.Table)))
        .Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Every table the workflow writes (its SQL steps' targets), in definition order, without duplicates.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> WrittenTables => Steps.OfType<SqlStep>().Select(s => s.Target).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The external signals the signal triggers listen to, in definition order, without duplicates.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> SignalNames => Triggers.OfType<SignalTrigger>().Select(t => t.Name).Distinct(StringComparer.Ordinal).ToArray();
}
