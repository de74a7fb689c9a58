namespace OrleansMaestro.Samples.SdkSample;

/// <summary>What the sample does (section <c>Sample</c>); the client's own settings are in <c>Maestro:Client</c>.</summary>
public sealed class SampleOptions
{
    public const string Section = "Sample";

    /// <summary>
    /// The silo's data directory (its <c>Maestro:DataDirectory</c>, embedded profile): the sample commits through the
    /// catalog in <c>catalog.db</c> there and writes its files under <c>warehouse/</c>, as the silo does.
    /// </summary>
    public string DataDirectory { get; set; } = ".maestro";

    /// <summary>The silo's <c>Maestro:Catalog:Name</c>.</summary>
    public string CatalogName { get; set; } = "maestro";

    public string WorkflowId { get; set; } = "sdk-sample";

    /// <summary>The table the sample commits rows to; its commits trigger the workflow.</summary>
    public string SourceTable { get; set; } = "sdk.orders";

    /// <summary>The table the workflow's SQL step writes (created by the step).</summary>
    public string TargetTable { get; set; } = "sdk.customer_totals";

    /// <summary>How many rows one sample run commits.</summary>
    public int Rows { get; set; } = 100;

    /// <summary>How long the sample waits for the run to start and finish.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
