namespace OrleansMaestro.Silo.Tests.Api;

/// <summary>The API test classes without auth share one silo (a start costs seconds); each test uses its own workflow ids.</summary>
[CollectionDefinition(Name)]
public sealed class ApiSiloCollection : ICollectionFixture<ApiSilo>
{
    public const string Name = "api silo";
}
