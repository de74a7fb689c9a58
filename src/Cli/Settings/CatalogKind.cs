namespace OrleansMaestro.Cli.Settings;

/// <summary>Which database holds the catalog's table pointers.</summary>
public enum CatalogKind
{
    Sqlite,
    Postgres,
}
