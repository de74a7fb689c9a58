namespace OrleansMaestro.Cli;

/// <summary>
/// The process exit codes of <c>maestro</c>. They are part of the command-line contract (docs/cli.md):
/// scripts branch on them, so a value never changes meaning once released.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>Something failed that the user could not have prevented by changing the input (a bug, an I/O or network failure).</summary>
    public const int UnexpectedError = 1;

    /// <summary>Bad input: usage error, unreadable or malformed file, a value that does not fit the schema, a bad filter; an invalid workflow definition or request (HTTP 400).</summary>
    public const int BadInput = 2;

    /// <summary>Something named does not exist: table, namespace, snapshot, metadata file; on a server also workflow, version or run (HTTP 404).</summary>
    public const int NotFound = 3;

    /// <summary>The change clashes with the current state: the table already exists, the commit failed; on a server HTTP 409 (e.g. restarting a run that may not be).</summary>
    public const int Conflict = 4;

    /// <summary>The server wants an API key: none was sent (--api-key, MAESTRO_API_KEY) or it is not one of its keys (HTTP 401).</summary>
    public const int Unauthorized = 5;

    /// <summary>The key is valid but may not do this, e.g. a read-only key asked to change something (HTTP 403).</summary>
    public const int Forbidden = 6;

    /// <summary>The server could not be reached or did not answer (HTTP 503, connection refused, timeout); retrying may help.</summary>
    public const int Unavailable = 7;

    /// <summary><c>run watch</c>: the run ended failed or timed out.</summary>
    public const int RunFailed = 8;

    /// <summary><c>run watch</c>: the run was stopped.</summary>
    public const int RunStopped = 9;
}
