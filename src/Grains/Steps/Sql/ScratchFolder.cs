namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>Per-attempt scratch folders under <see cref="SqlStepOptions.TempDirectory"/>.</summary>
internal static class ScratchFolder
{
    public static string Create(SqlStepOptions options, string name)
    {
        var root = options.TempDirectory ?? Path.Combine(Path.GetTempPath(), "maestro-sql");
        var folder = Path.Combine(root, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
