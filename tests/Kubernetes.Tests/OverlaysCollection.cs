namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>One rendering of every overlay for all the manifest test classes.</summary>
[CollectionDefinition(Name)]
public sealed class OverlaysCollection : ICollectionFixture<Overlays>
{
    public const string Name = "overlays";
}
