using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansMaestro.Silo.Api;

/// <summary>Turns every exception that leaves an endpoint into problem details (<see cref="ExceptionProblems"/>).</summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away: nobody reads an answer.
            return true;
        }

        var problem = ExceptionProblems.From(exception);
        if (httpContext.Response.HasStarted)
        {
            // E.g. an event stream whose run was deleted under it: the status line is out, so the connection is cut.
            LogAfterStart(exception, httpContext.Request.Method, httpContext.Request.Path);
            return false;
        }

        if (problem.Status >= 500)
        {
            LogFailed(exception, httpContext.Request.Method, httpContext.Request.Path, problem.Status);
        }
        else
        {
            LogRefused(httpContext.Request.Method, httpContext.Request.Path, problem.Status, problem.Detail);
        }

        httpContext.Response.StatusCode = problem.Status;
        await problems.WriteProblemAsync(httpContext, problem.ToProblemDetails(httpContext), exception);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private partial void LogFailed(Exception exception, string method, string path, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} failed after its response started")]
    private partial void LogAfterStart(Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} answered {Status}: {Detail}")]
    private partial void LogRefused(string method, string path, int status, string detail);
}
