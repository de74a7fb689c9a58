namespace OrleansMaestro.Silo.Database;

/// <summary>The database's schema cannot be brought to the silo's version (e.g. an applied script was changed since).</summary>
public sealed class SchemaMigrationException : Exception
{
    public SchemaMigrationException()
    {
    }

    public SchemaMigrationException(string message)
        : base(message)
    {
    }

    public SchemaMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
