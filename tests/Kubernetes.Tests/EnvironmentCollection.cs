namespace OrleansMaestro.Kubernetes.Tests;

/// <summary>Tests that change process environment variables; not run in parallel with each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
