using System.Text.Json.Serialization;

namespace OrleansMaestro.Abstractions.Runs;

/// <summary>Where a run or a step is in its life. Succeeded, Failed, Stopped and TimedOut are final.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunStatus>))]
public enum RunStatus
{
    Created,
    Queued,
    Running,
    Succeeded,
    Failed,
    Stopped,
    TimedOut,
}
