namespace OrleansMaestro.Grains.Orchestration;

[GenerateSerializer, Alias("maestro.SignalGrainState")]
public sealed class SignalGrainState
{
    /// <summary>Workflows whose active version has a signal trigger of this name.</summary>
    [Id(0)] public HashSet<string> Subscribers { get; set; } = new(StringComparer.Ordinal);
}
