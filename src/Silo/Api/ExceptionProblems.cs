using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Silo.Api;

/// <summary>
/// The grain error conventions (docs/api.md#errors) as HTTP answers: missing things 404, bad input 400 naming the
/// field, conflicts 409, an unreachable cluster 503; anything else is a 500 whose detail does not leak internals.
/// </summary>
internal static class ExceptionProblems
{
    public static ApiProblem From(Exception exception)
    {
        var e = GrainExceptions.Unwrap(exception);
        return e switch
        {
            WorkflowDefinitionException d => new ApiProblem(400, d.Message, GrainExceptions.ErrorsByPath(d.Errors)),
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status400BadRequest => ApiProblem.Invalid("$", b.Message),
            BadHttpRequestException b => new ApiProblem(b.StatusCode, b.Message),
            JsonException j => ApiProblem.Invalid(RequestJson.Field(j.Path), j.Message),
            // ParamName is the JSON field (InvalidFieldException / FieldOutOfRangeException keep it across grain calls).
            ArgumentException a => ApiProblem.Invalid(a.ParamName ?? "$", GrainExceptions.MessageWithoutParameter(a)),
            KeyNotFoundException k => new ApiProblem(404, k.Message),
            ObjectDisposedException => new ApiProblem(503, "The silo is shutting down."),
            InvalidOperationException i => new ApiProblem(409, i.Message),
            TimeoutException => new ApiProblem(503, "The cluster did not answer in time."),
            OrleansMessageRejectionException r => new ApiProblem(503, $"The cluster could not take the call: {r.Message}"),
            OperationCanceledException => new ApiProblem(503, "The call was cancelled (the silo may be shutting down)."),
            _ => new ApiProblem(500, "An unexpected error occurred; the silo's log has the details."),
        };
    }
}
