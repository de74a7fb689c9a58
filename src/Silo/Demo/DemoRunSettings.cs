namespace OrleansMaestro.Silo.Demo;

/// <summary>What the command line asked of the demo.</summary>
/// <param name="Duration">Stop after this long (null: until Ctrl+C).</param>
public sealed record DemoRunSettings(TimeSpan? Duration);
