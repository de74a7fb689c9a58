namespace OrleansMaestro.Cli.Commands;

/// <summary>The process's surroundings, passed in (not read from statics) so tests can run the CLI in-process.</summary>
public sealed record CliContext(
    TextWriter Out,
    TextWriter Error,
    Func<string, string?> Environment,
    string CurrentDirectory,
    bool OutputIsTerminal)
{
    public static CliContext FromProcess() => new(
        Console.Out,
        Console.Error,
        System.Environment.GetEnvironmentVariable,
        Directory.GetCurrentDirectory(),
        !Console.IsOutputRedirected);
}
