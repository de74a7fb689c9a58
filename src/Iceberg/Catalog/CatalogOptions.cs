namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>Settings of a <see cref="SqlCatalog"/>.</summary>
public sealed record CatalogOptions
{
    /// <summary>Where new tables are placed: a folder path, <c>file:</c> URI or <c>s3://bucket/prefix</c>.</summary>
    public required string Warehouse { get; init; }

    /// <summary>How many times a commit that lost the compare-and-swap race re-reads the table and tries again.</summary>
    public int CommitRetries { get; init; } = 30;

    /// <summary>The first wait before a retry; it doubles (with jitter) up to <see cref="CommitMaxBackoff"/>.</summary>
    public TimeSpan CommitMinBackoff { get; init; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan CommitMaxBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Told of every successful commit, after the catalog pointer moved (e.g. the orchestration's table grains).</summary>
    public IReadOnlyList<ICommitObserver> CommitObservers { get; init; } = [];
}
