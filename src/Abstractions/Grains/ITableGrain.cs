namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// One Iceberg table of the catalog (key: <c>namespace.table</c>). Learns of its commits — pushed by the catalog's commit
/// path, or found by polling for writers that go around it — and signals the subscribed workflows. Signals are hints:
/// workflows keep their own watermarks, so a lost or repeated signal loses or doubles nothing.
/// </summary>
[Alias("maestro.ITableGrain")]
public interface ITableGrain : IGrainWithStringKey
{
    [Alias("Subscribe")]
    Task SubscribeAsync(string workflowId);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(string workflowId);

    /// <summary>A commit to this table went through the catalog (its pointer moved to <paramref name="commit"/>).</summary>
    [Alias("OnCommitted")]
    Task OnCommittedAsync(TableCommit commit);

    /// <summary>Reloads the table from the catalog now and signals subscribers if it moved.</summary>
    [Alias("Refresh")]
    Task<TableInfo> RefreshAsync();

    [Alias("Get")]
    Task<TableInfo> GetAsync();
}
