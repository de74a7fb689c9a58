namespace OrleansMaestro.Cli.Tests.EndToEnd;

public sealed record MaestroResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
