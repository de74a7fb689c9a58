using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

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
        exception = GrainExceptions.Unwrap(exception);
        return exception switch
        {
            MaestroException maestro => maestro,
            KeyNotFoundException e => new MaestroNotFoundException(e.Message, e),
            WorkflowDefinitionException e => new MaestroValidationException(e.Message, GrainExceptions.ErrorsByPath(e.Errors), e),
            // InvalidFieldException, FieldOutOfRangeException and the grains' ArgumentExceptions keep their field in ParamName.
            ArgumentException e => new MaestroValidationException(GrainExceptions.MessageWithoutParameter(e), new Dictionary<string, string[]>
            {
                [e.ParamName ?? "$"] = [GrainExceptions.MessageWithoutParameter(e)],
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

    /// <summary>Whether <see cref="Map"/> should see the exception (cancellation passes through as it is).</summary>
    public static bool ShouldMap(Exception exception) => exception is not OperationCanceledException;
}
