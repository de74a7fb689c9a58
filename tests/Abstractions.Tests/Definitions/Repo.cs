namespace OrleansMaestro.Abstractions.Tests.Definitions;

/// <summary>Files of the repository the tests run from (found by walking up from the test binaries to the solution).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string SchemaPath => Path.Combine(Root, "docs", "workflow-definition.schema.json");

    public static IEnumerable<string> PipelineSamples => Directory.EnumerateFiles(Path.Combine(Root, "samples", "pipeline"), "*.json").Order(StringComparer.Ordinal);

    public static string Read(params string[] parts) => File.ReadAllText(Path.Combine([Root, .. parts]));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansMaestro.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above '{AppContext.BaseDirectory}' holds OrleansMaestro.sln.");
    }
}
