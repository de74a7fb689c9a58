using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace OrleansMaestro.Silo.Api;

/// <summary>What one failed request answers: status, detail and, for 400, the bad fields.</summary>
internal sealed record ApiProblem(int Status, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>A 400 naming one field.</summary>
    public static ApiProblem Invalid(string field, string message) => new(StatusCodes.Status400BadRequest, message, new Dictionary<string, string[]> { [field] = [message] });

    public ProblemDetails ToProblemDetails(HttpContext http)
    {
        var problem = new ProblemDetails
        {
            Type = ProblemKinds.TypeOf(Status),
            Title = ProblemKinds.TitleOf(Status),
            Status = Status,
            Detail = Detail,
            Instance = http.Request.Path,
        };
        if (Errors is not null)
        {
            problem.Extensions["errors"] = Errors;
        }

        return problem;
    }
}
