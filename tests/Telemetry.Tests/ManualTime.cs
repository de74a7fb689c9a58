namespace OrleansMaestro.Telemetry.Tests;

/// <summary>A clock the test moves.</summary>
public sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
