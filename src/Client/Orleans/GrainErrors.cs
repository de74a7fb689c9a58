using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Client.OrleansTransport;

/// <summary>
/// The grains' error conventions (see the grain interfaces) as <see cref="MaestroException"/>s, so a caller handles the
/// same exceptions whichever transport it uses: KeyNotFoundException = 404, a bad field = 400 naming it, an invalid
/// definition = 400 keyed by JSON path, InvalidOperationException = 409, a cluster that cannot be reached = 503.
/// </summary>
internal static class GrainErrors
{
    public static MaestroException Map(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        exception = Unwrap(exception);
        return exception switch
        {
            MaestroException maestro => maestro,
            KeyNotFoundException e => new MaestroNotFoundException(e.Message, e),
            WorkflowDefinitionException e => new MaestroValidationException(e.Message, ByPath(e.Errors), e),
            // InvalidFieldException, FieldOutOfRangeException and the grains' ArgumentExceptions keep their field in ParamName.
            ArgumentException e => new MaestroValidationException(MessageWithoutParameter(e), new Dictionary<string, string[]>
            {
                [e.ParamName ?? "$"] = [MessageWithoutParameter(e)],
            }, e),
            SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException or ClientNotAvailableException
                or ConnectionFailedException or TimeoutException =>
                new MaestroUnavailableException($"The OrleansMaestro cluster could not be reached or did not answer: {exception.Message}", exception),
            // A disposed cluster client (the host is stopping) cannot reach the cluster any more; not a state conflict.
            ObjectDisposedException e => new MaestroUnavailableException($"The Orleans client is shut down: {e.Message}", e),
            InvalidOperationException e => new MaestroConflictException(e.Message, e),
            _ => new MaestroException(exception.Message, 500, exception),
        };
    }

    /// <summary>Orleans and async code may wrap the grain's exception; the innermost meaningful one decides (as in the silo's API).</summary>
    internal static Exception Unwrap(Exception exception)
    {
        var e = exception;
        for (var depth = 0; depth < 8; depth++)
        {
            Exception? inner = e switch
            {
                AggregateException { InnerExceptions.Count: 1 } a => a.InnerExceptions[0],
                System.Reflection.TargetInvocationException { InnerException: { } t } => t,
                OrleansException { InnerException: { } o } when e is not OrleansMessageRejectionException => o,
                _ => null,
            };
            if (inner is null)
            {
                return e;
            }

            e = inner;
        }

        return e;
    }

    /// <summary>Whether <see cref="Map"/> should see the exception (cancellation passes through as it is).</summary>
    public static bool ShouldMap(Exception exception) => exception is not OperationCanceledException;

    public static Dictionary<string, string[]> ByPath(IEnumerable<DefinitionError> errors) =>
        errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>ArgumentException appends " (Parameter 'name')" to its message; the field is named by the key already.</summary>
    private static string MessageWithoutParameter(ArgumentException e)
    {
        var suffix = e.ParamName is null ? null : $" (Parameter '{e.ParamName}')";
        return suffix is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }
}
