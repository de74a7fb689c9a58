using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace OrleansMaestro.Silo.Api;

/// <summary>Writes problem details whatever the request's Accept header says.</summary>
internal static class ProblemWriting
{
    /// <summary>
    /// Writes <paramref name="details"/> through the problem-details service, or as <c>application/problem+json</c>
    /// when the service declines because Accept names no JSON type (an EventSource asks for text/event-stream only, a
    /// browser for text/html): the caller still learns what was wrong instead of getting an empty answer.
    /// </summary>
    public static async Task WriteProblemAsync(this IProblemDetailsService problems, HttpContext http, ProblemDetails details, Exception? exception = null)
    {
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception }))
        {
            await http.Response.WriteAsJsonAsync(details, options: null, contentType: "application/problem+json", http.RequestAborted);
        }
    }
}
