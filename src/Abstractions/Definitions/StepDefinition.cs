using System.Text.Json.Serialization;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// One node of a workflow's DAG. JSON: an object with <c>"type": "noop" | "sleep" | "shell" | "http" | "sql" | "dotnet"</c>
/// and the fields of that type.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(NoopStep), "noop")]
[JsonDerivedType(typeof(SleepStep), "sleep")]
[JsonDerivedType(typeof(ShellStep), "shell")]
[JsonDerivedType(typeof(HttpStep), "http")]
[JsonDerivedType(typeof(SqlStep), "sql")]
[JsonDerivedType(typeof(DotnetStep), "dotnet")]
[GenerateSerializer, Alias("maestro.StepDefinition")]
public abstract record StepDefinition
{
    /// <summary>Unique within the workflow: letters, digits, '-' and '_'.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>Steps that must succeed before this one starts.</summary>
    [Id(1)] public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The longest one attempt may take; a timed-out attempt counts as failed (and may be retried).</summary>
    [Id(2)] public TimeSpan? Timeout { get; init; }

    /// <summary>Overrides the workflow's retry policy for this step.</summary>
    [Id(3)] public RetryPolicy? Retry { get; init; }

    /// <summary>The type name used in JSON (<c>noop</c>, <c>sql</c>, ...).</summary>
    /// <remarks>
    /// Not a JSON property: the serializer writes the same name as the <c>type</c> discriminator. Each override repeats
    /// [JsonIgnore] because System.Text.Json reads the attributes of the most derived declaration only.
    /// </remarks>
    [JsonIgnore]
    public abstract string TypeName { get; }
}

/// <summary>Does nothing and succeeds (joins branches of the DAG, tests).</summary>
[GenerateSerializer, Alias("maestro.NoopStep")]
public sealed record NoopStep : StepDefinition
{
    [JsonIgnore]
    public override string TypeName => "noop";
}

/// <summary>Waits, then succeeds.</summary>
[GenerateSerializer, Alias("maestro.SleepStep")]
public sealed record SleepStep : StepDefinition
{
    [Id(0)] public TimeSpan Duration { get; init; }

    [JsonIgnore]
    public override string TypeName => "sleep";
}

/// <summary>
/// Runs <see cref="Command"/> with <c>/bin/sh -c</c>; exit code 0 is success. The process gets the run's parameters
/// (<c>MAESTRO_PARAM_name</c>), ids (<c>MAESTRO_WORKFLOW</c>, <c>MAESTRO_RUN</c>, <c>MAESTRO_STEP</c>, <c>MAESTRO_ATTEMPT</c>)
/// and source snapshot ranges (<c>MAESTRO_SOURCES</c> as JSON, <c>MAESTRO_FROM_SNAPSHOT_ns_table</c>, <c>MAESTRO_TO_SNAPSHOT_ns_table</c>).
/// </summary>
[GenerateSerializer, Alias("maestro.ShellStep")]
public sealed record ShellStep : StepDefinition
{
    [Id(0)] public required string Command { get; init; }

    [Id(1)] public string? WorkingDirectory { get; init; }

    [Id(2)] public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    [JsonIgnore]
    public override string TypeName => "shell";
}

/// <summary>Sends a request; succeeds when the status is expected and the body contains <see cref="ExpectBodyContains"/>.</summary>
[GenerateSerializer, Alias("maestro.HttpStep")]
public sealed record HttpStep : StepDefinition
{
    [Id(0)] public required string Url { get; init; }

    [Id(1)] public string Method { get; init; } = "GET";

    [Id(2)] public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    [Id(3)] public string? Body { get; init; }

    /// <summary>Accepted status codes; empty means any 2xx.</summary>
    [Id(4)] public IReadOnlyList<int> ExpectStatus { get; init; } = [];

    [Id(5)] public string? ExpectBodyContains { get; init; }

    [JsonIgnore]
    public override string TypeName => "http";
}

/// <summary>
/// Runs a DuckDB query over the Parquet data files of its inputs and appends the result to <see cref="Target"/> as one
/// snapshot. An incremental input is a view over exactly the files that the run's snapshot range added (planned from the
/// manifests); a full input is the table at the range's end. Over many files the step is split into shards of at most
/// <see cref="MaxFilesPerShard"/> files run in parallel across the cluster, which is right for queries that distribute
/// over a union of their input (filters, projections, partial aggregates).
/// </summary>
[GenerateSerializer, Alias("maestro.SqlStep")]
public sealed record SqlStep : StepDefinition
{
    [Id(0)] public required string Query { get; init; }

    /// <summary>The views the query reads; empty means every source table, incremental, named by its table name.</summary>
    [Id(1)] public IReadOnlyList<SqlInput> Inputs { get; init; } = [];

    /// <summary><c>namespace.table</c> that receives the result; created on the first run from the result's columns when missing.</summary>
    [Id(2)] public required string Target { get; init; }

    /// <summary>Shard size for incremental inputs (null: one shard; at least 1 when set).</summary>
    [Id(3)] public int? MaxFilesPerShard { get; init; }

    [JsonIgnore]
    public override string TypeName => "sql";
}

/// <summary>A view of a SQL step's query.</summary>
[GenerateSerializer, Alias("maestro.SqlInput")]
public sealed record SqlInput
{
    /// <summary><c>namespace.table</c>.</summary>
    [Id(0)] public required string Table { get; init; }

    /// <summary>The view name in the query (default: the table name without its namespace).</summary>
    [Id(1)] public string? As { get; init; }

    [Id(2)] public SqlInputMode Mode { get; init; } = SqlInputMode.Incremental;
}

[JsonConverter(typeof(CamelCaseEnumConverter<SqlInputMode>))]
public enum SqlInputMode
{
    /// <summary>Only the rows that the run's snapshot range appended.</summary>
    Incremental,

    /// <summary>The whole table as of the range's end.</summary>
    Full,
}

/// <summary>Runs a class implementing <see cref="Steps.IWorkflowStep"/> from an assembly the silo loads.</summary>
[GenerateSerializer, Alias("maestro.DotnetStep")]
public sealed record DotnetStep : StepDefinition
{
    /// <summary>The assembly file (absolute, or relative to the silo's step assembly folder); null when the type is already loaded.</summary>
    [Id(0)] public string? Assembly { get; init; }

    /// <summary>The full type name, e.g. <c>Contoso.Steps.Notify</c>.</summary>
    /// <remarks>JSON name <c>class</c>: <c>type</c> is the step type discriminator.</remarks>
    [Id(1), JsonPropertyName("class")] public required string Type { get; init; }

    /// <summary>Passed to the step as <see cref="Steps.StepContext.Settings"/>.</summary>
    [Id(2)] public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    [JsonIgnore]
    public override string TypeName => "dotnet";
}
