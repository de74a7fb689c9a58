namespace OrleansMaestro.Cli.Errors;

/// <summary>A failure the CLI detected itself, carrying the exit code to end with and a message meant for the user.</summary>
public class CliException : Exception
{
    public CliException(int exitCode, string message) : base(message)
    {
        ExitCode = exitCode;
    }

    public CliException(int exitCode, string message, Exception inner) : base(message, inner)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
