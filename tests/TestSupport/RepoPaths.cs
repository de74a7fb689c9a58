namespace OrleansMaestro.Testing;

/// <summary>Well-known folders of the repository the tests run from.</summary>
public static class RepoPaths
{
    private const string SolutionFile = "OrleansMaestro.sln";

    /// <summary>
    /// The repository root: the nearest folder above the test binaries that holds the solution file. Found by walking up
    /// from the binaries, not from the working directory, so it works from any worktree and any test runner.
    /// </summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException(
                $"No folder above '{AppContext.BaseDirectory}' contains {SolutionFile}; the tests must run from the repository.");
        }
    }

    /// <summary>tests/tools: the npm project with the real servers and readers the tests start (s3rver, icebird).</summary>
    public static string ToolsDirectory => Path.Combine(Root, "tests", "tools");
}
