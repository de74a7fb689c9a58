using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>
/// Learns of each commit made through a catalog, right after it became visible. Observers are hints for
/// push-based consumers; a failing observer never fails the commit (the commit has already happened).
/// </summary>
public interface ICommitObserver
{
    Task OnCommittedAsync(TableIdentifier table, string metadataLocation, TableMetadata metadata, CancellationToken cancellationToken);
}
