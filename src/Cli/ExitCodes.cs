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

    /// <summary>Bad input: usage error, unreadable or malformed file, a value that does not fit the schema, a bad filter.</summary>
    public const int BadInput = 2;

    /// <summary>Something named does not exist: table, namespace, snapshot, metadata file.</summary>
    public const int NotFound = 3;

    /// <summary>The change clashes with the catalog's state: the table already exists, or the commit failed.</summary>
    public const int Conflict = 4;
}
