using OrleansMaestro.Iceberg.Tests.Fixtures;
using OrleansMaestro.Iceberg.Tests.Tables;

namespace OrleansMaestro.Iceberg.Tests.Interop;

/// <summary>icebird reading tables on real servers the tests start: PostgreSQL catalog, warehouse on s3rver.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresS3IcebirdInteropTests(PostgresServerFixture postgres, S3ServerFixture s3)
    : IcebirdInteropTests, IClassFixture<S3ServerFixture>
{
    private protected override Task<TestWarehouse> OpenAsync() => TestWarehouse.PostgresS3Async(postgres, s3);
}
