namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>How often a failed or timed-out step attempt is tried again, with exponential backoff.</summary>
[GenerateSerializer, Alias("maestro.RetryPolicy")]
public sealed record RetryPolicy
{
    public static RetryPolicy None { get; } = new() { MaxRetries = 0 };

    /// <summary>Retries after the first attempt (0: no retry).</summary>
    [Id(0)] public int MaxRetries { get; init; }

    [Id(1)] public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    [Id(2)] public double BackoffMultiplier { get; init; } = 2;

    [Id(3)] public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan BackoffBefore(int retry)
    {
        var factor = Math.Pow(BackoffMultiplier, Math.Max(0, retry - 1));
        var ticks = Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
