namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>
/// The catalog could not tell whether a commit landed (the connection failed during the compare-and-swap).
/// Reload the table and look for the change (e.g. by its snapshot summary marker) before trying again.
/// </summary>
public sealed class CommitStateUnknownException : CatalogException
{
    public CommitStateUnknownException(string message, Exception inner) : base(message, inner) { }
}
