namespace OrleansMaestro.Silo.Options;

/// <summary>How the silo runs (<c>Maestro:Profile</c>).</summary>
public enum SiloProfile
{
    /// <summary>One silo on localhost, grain state and catalog in SQLite files under the data folder. No servers needed.</summary>
    Embedded,

    /// <summary>Many silos sharing one PostgreSQL (membership, grain state, reminders, catalog) and one warehouse (S3).</summary>
    Cluster,
}
