namespace OrleansMaestro.Iceberg.Tests.Fixtures;

/// <summary>
/// Test classes in this collection share one PostgreSQL server (starting one per class is slow on small CI machines)
/// and run one after another, so a test may restart the server without breaking another class's test.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
