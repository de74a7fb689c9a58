using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Grains;

/// <summary>
/// What every caller of the grains (the silo's HTTP API, the client SDK's Orleans transport) needs to turn a grain's
/// exception into an answer that follows the grain error conventions, so both read them alike.
/// </summary>
public static class GrainExceptions
{
    /// <summary>
    /// The innermost meaningful exception: Orleans and async code may wrap the grain's own (an
    /// <see cref="AggregateException"/> of one, a TargetInvocationException, an OrleansException with an inner one
    /// other than a message rejection, which is itself the answer).
    /// </summary>
    public static Exception Unwrap(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
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

    /// <summary>The definition's errors keyed by their JSON path, each with its messages.</summary>
    public static Dictionary<string, string[]> ErrorsByPath(IEnumerable<DefinitionError> errors) =>
        errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// The message without the <c>" (Parameter 'name')"</c> that ArgumentException appends: the field is named by the
    /// error's key already.
    /// </summary>
    public static string MessageWithoutParameter(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var suffix = exception.ParamName is null ? null : $" (Parameter '{exception.ParamName}')";
        return suffix is not null && exception.Message.EndsWith(suffix, StringComparison.Ordinal) ? exception.Message[..^suffix.Length] : exception.Message;
    }
}
