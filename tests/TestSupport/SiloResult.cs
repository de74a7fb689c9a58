namespace OrleansMaestro.Testing;

/// <summary>How a silo process ended: its exit code and everything it wrote (stdout: demo and state lines; stderr: logs).</summary>
public sealed record SiloResult(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
}
