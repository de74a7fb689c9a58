namespace OrleansMaestro.Cli.Tests.Fixtures;

/// <summary>Test classes in this collection share one PostgreSQL server and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
