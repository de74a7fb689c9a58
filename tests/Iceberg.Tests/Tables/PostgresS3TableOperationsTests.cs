using OrleansMaestro.Iceberg.Tests.Fixtures;

namespace OrleansMaestro.Iceberg.Tests.Tables;

/// <summary>The table operations on real servers the tests start: PostgreSQL for the catalog, s3rver for the warehouse.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresS3TableOperationsTests(PostgresServerFixture postgres, S3ServerFixture s3)
    : TableOperationsTests, IClassFixture<S3ServerFixture>
{
    private protected override Task<TestWarehouse> OpenAsync() => TestWarehouse.PostgresS3Async(postgres, s3);
}
