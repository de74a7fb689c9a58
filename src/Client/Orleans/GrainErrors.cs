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
        return exception switch
        {
            MaestroException maestro => maestro,
            KeyNotFoundException e => new MaestroNotFoundException(e.Message, e),
            WorkflowDefinitionException e => new MaestroValidationException(e.Message, ByPath(e.Errors), e),
            // InvalidFieldException, FieldOutOfRangeException and the grains' ArgumentExceptions keep their field in ParamName.
            ArgumentException e => new MaestroValidationException(e.Message, new Dictionary<string, string[]>
            {
                [e.ParamName ?? "$"] = [MessageWithoutParameter(e)],
            }, e),
            SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException or ClientNotAvailableException
                or ConnectionFailedException or TimeoutException =>
                new MaestroUnavailableException($"The OrleansMaestro cluster could not be reached or did not answer: {exception.Message}", exception),
            // Only the plain type: subclasses such as ObjectDisposedException mean a client problem, not a state conflict.
            InvalidOperationException e when e.GetType() == typeof(InvalidOperationException) => new MaestroConflictException(e.Message, e),
            _ => new MaestroException(exception.Message, 500, exception),
        };
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
