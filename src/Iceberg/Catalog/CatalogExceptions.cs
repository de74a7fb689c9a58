namespace OrleansMaestro.Iceberg.Catalog;

/// <summary>Base of the catalog's errors; the message names the table or namespace.</summary>
public class CatalogException : Exception
{
    public CatalogException(string message) : base(message) { }
    public CatalogException(string message, Exception inner) : base(message, inner) { }
}

public sealed class NoSuchTableException(string message) : CatalogException(message);

public sealed class NoSuchNamespaceException(string message) : CatalogException(message);

public sealed class AlreadyExistsException(string message) : CatalogException(message);

public sealed class NamespaceNotEmptyException(string message) : CatalogException(message);

/// <summary>A commit whose requirements no longer hold after re-reading the table (or that lost the race too many times).</summary>
public sealed class CommitFailedException : CatalogException
{
    public CommitFailedException(string message) : base(message) { }
    public CommitFailedException(string message, Exception inner) : base(message, inner) { }
}
