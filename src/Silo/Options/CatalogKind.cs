namespace OrleansMaestro.Silo.Options;

public enum CatalogKind
{
    Sqlite,
    Postgres,
}
