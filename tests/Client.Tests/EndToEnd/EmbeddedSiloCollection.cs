namespace OrleansMaestro.Client.Tests.EndToEnd;

/// <summary>The classes that share one embedded silo process (a silo start costs seconds).</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedSiloCollection : ICollectionFixture<EmbeddedSilo>
{
    public const string Name = "embedded silo";
}
