namespace OrleansMaestro.Abstractions.Runs;

/// <summary>What started a run (<see cref="RunInfo.Trigger"/>).</summary>
public static class RunTriggers
{
    /// <summary>A commit to a source table.</summary>
    public const string Table = "table";

    public const string Cron = "cron";

    public const string Manual = "manual";

    /// <summary>An external signal posted to the API (e.g. by a Kafka consumer).</summary>
    public const string Signal = "signal";

    /// <summary>A run over explicit snapshot ranges, outside the run strategy; moves no watermark.</summary>
    public const string Backfill = "backfill";
}
