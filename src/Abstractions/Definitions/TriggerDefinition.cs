using System.Text.Json.Serialization;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>What starts runs of a workflow. JSON: an object with <c>"type": "table" | "cron" | "manual" | "signal"</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TableTrigger), "table")]
[JsonDerivedType(typeof(CronTrigger), "cron")]
[JsonDerivedType(typeof(ManualTrigger), "manual")]
[JsonDerivedType(typeof(SignalTrigger), "signal")]
[GenerateSerializer, Alias("maestro.TriggerDefinition")]
public abstract record TriggerDefinition;

/// <summary>Runs when one of <see cref="Tables"/> (<c>namespace.table</c> in the silo's catalog) commits a snapshot.</summary>
[GenerateSerializer, Alias("maestro.TableTrigger")]
public sealed record TableTrigger : TriggerDefinition
{
    [Id(0)] public IReadOnlyList<string> Tables { get; init; } = [];
}

/// <summary>Runs on a schedule: a cron expression with 5 fields (minute precision) or 6 (seconds first), in UTC unless <see cref="TimeZone"/> is set.</summary>
[GenerateSerializer, Alias("maestro.CronTrigger")]
public sealed record CronTrigger : TriggerDefinition
{
    [Id(0)] public required string Cron { get; init; }

    /// <summary>An IANA or Windows time zone id (e.g. <c>Europe/Amsterdam</c>).</summary>
    [Id(1)] public string? TimeZone { get; init; }
}

/// <summary>Runs only when started through the API, client or CLI (every workflow can be started manually; this documents the intent).</summary>
[GenerateSerializer, Alias("maestro.ManualTrigger")]
public sealed record ManualTrigger : TriggerDefinition;

/// <summary>
/// Runs when the external signal <see cref="Name"/> is posted (<c>POST /api/v1/signals/{name}</c>, the client's
/// <c>SignalAsync</c>): the way events of other systems, Kafka consumers included, reach the cluster.
/// </summary>
[GenerateSerializer, Alias("maestro.SignalTrigger")]
public sealed record SignalTrigger : TriggerDefinition
{
    /// <summary>Letters, digits, '-', '_' and '.'.</summary>
    [Id(0)] public required string Name { get; init; }
}
