namespace OrleansMaestro.Grains.Orchestration;

/// <summary>The grain storage provider the orchestration grains keep their state in.</summary>
public static class GrainStorage
{
    public const string Name = "maestro";
}
