namespace OrleansMaestro.Silo.Tests;

/// <summary>Test classes of the cluster profile share one PostgreSQL and one s3rver; each test takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterServers : ICollectionFixture<PostgresServerFixture>, ICollectionFixture<S3ServerFixture>
{
    public const string Name = "cluster servers (PostgreSQL, s3rver)";
}
