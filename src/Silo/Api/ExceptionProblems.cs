using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Silo.Api;

/// <summary>
/// The grain error conventions (docs/api.md#errors) as HTTP answers: missing things 404, bad input 400 naming the
/// field, conflicts 409, an unreachable cluster 503; anything else is a 500 whose detail does not leak internals.
/// </summary>
internal static class ExceptionProblems
{
    public static ApiProblem From(Exception exception)
    {
        var e = Unwrap(exception);
        return e switch
        {
            WorkflowDefinitionException d => new ApiProblem(400, d.Message, Group(d.Errors.Select(x => (x.Path, x.Message)))),
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status400BadRequest => ApiProblem.Invalid("$", b.Message),
            BadHttpRequestException b => new ApiProblem(b.StatusCode, b.Message),
            JsonException j => ApiProblem.Invalid(RequestJson.Field(j.Path), j.Message),
            // ParamName is the JSON field (InvalidFieldException / FieldOutOfRangeException keep it across grain calls).
            ArgumentException a => ApiProblem.Invalid(a.ParamName ?? "$", StripParamName(a)),
            KeyNotFoundException k => new ApiProblem(404, k.Message),
            ObjectDisposedException => new ApiProblem(503, "The silo is shutting down."),
            InvalidOperationException i => new ApiProblem(409, i.Message),
            TimeoutException => new ApiProblem(503, "The cluster did not answer in time."),
            OrleansMessageRejectionException r => new ApiProblem(503, $"The cluster could not take the call: {r.Message}"),
            OperationCanceledException => new ApiProblem(503, "The call was cancelled (the silo may be shutting down)."),
            _ => new ApiProblem(500, "An unexpected error occurred; the silo's log has the details."),
        };
    }

    /// <summary>Orleans and async code may wrap the grain's exception; the innermost meaningful one decides.</summary>
    internal static Exception Unwrap(Exception exception)
    {
        var e = exception;
        for (var depth = 0; depth < 8; depth++)
        {
            Exception? inner = e switch
            {
                AggregateException { InnerExceptions.Count: 1 } a => a.InnerExceptions[0],
                TargetInvocationException { InnerException: { } t } => t,
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

    private static Dictionary<string, string[]> Group(IEnumerable<(string Field, string Message)> errors) =>
        errors.GroupBy(x => x.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray(), StringComparer.Ordinal);

    // ArgumentException.Message appends " (Parameter 'x')"; errors[x] already says which.
    private static string StripParamName(ArgumentException e)
    {
        var message = e.Message;
        var suffix = e.ParamName is { } name ? $" (Parameter '{name}')" : null;
        return suffix is not null && message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}
