namespace OrleansMaestro.Silo.Demo;

/// <summary>The demo's verdict, read by the entry point after the host stopped: it becomes the process exit code.</summary>
public sealed class DemoOutcome
{
    private int _exitCode = 1; // a demo that never reached its verdict did not pass

    public int ExitCode => Volatile.Read(ref _exitCode);

    public void Set(bool passed) => Volatile.Write(ref _exitCode, passed ? 0 : 1);
}
