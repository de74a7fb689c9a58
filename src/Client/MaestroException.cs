namespace OrleansMaestro.Client;

/// <summary>A call to OrleansMaestro failed. The subclasses say why; <see cref="Status"/> is the HTTP status it maps to.</summary>
public class MaestroException : Exception
{
    /// <summary>A failure with its message, HTTP status and cause.</summary>
    public MaestroException(string message, int status = 500, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>The HTTP status of the failure (also set when the call went over the Orleans client).</summary>
    public int Status { get; }
}

/// <summary>The workflow, run, version or table does not exist (404).</summary>
public sealed class MaestroNotFoundException(string message, Exception? innerException = null) : MaestroException(message, 404, innerException);

/// <summary>The input is wrong (400). <see cref="Errors"/> maps each bad field (a JSON path such as <c>steps[1].dependsOn[0]</c>) to what is wrong with it.</summary>
public sealed class MaestroValidationException(string message, IReadOnlyDictionary<string, string[]> errors, Exception? innerException = null)
    : MaestroException(message, 400, innerException)
{
    /// <summary>Each bad field and what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The request clashes with the current state (409), e.g. restarting a run that a later run superseded.</summary>
public sealed class MaestroConflictException(string message, Exception? innerException = null) : MaestroException(message, 409, innerException);

/// <summary>No valid API key or bearer token was sent (401).</summary>
public sealed class MaestroUnauthorizedException(string message, Exception? innerException = null) : MaestroException(message, 401, innerException);

/// <summary>The key is valid but may not do this, e.g. a read-only key asked to change something (403).</summary>
public sealed class MaestroForbiddenException(string message, Exception? innerException = null) : MaestroException(message, 403, innerException);

/// <summary>The cluster could not be reached or did not answer (503); the call may be retried.</summary>
public sealed class MaestroUnavailableException(string message, Exception? innerException = null) : MaestroException(message, 503, innerException);
