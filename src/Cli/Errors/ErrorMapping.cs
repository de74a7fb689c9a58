using System.Text.Json;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Client;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Expressions;

namespace OrleansMaestro.Cli.Errors;

/// <summary>Maps exceptions from the CLI and the Iceberg library to an exit code and a one-line message.</summary>
public static class ErrorMapping
{
    public static int ExitCodeOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Unwrap(exception) switch
        {
            CliException e => e.ExitCode,
            MaestroValidationException or WorkflowDefinitionException => ExitCodes.BadInput,
            MaestroNotFoundException => ExitCodes.NotFound,
            MaestroConflictException => ExitCodes.Conflict,
            MaestroUnauthorizedException => ExitCodes.Unauthorized,
            MaestroForbiddenException => ExitCodes.Forbidden,
            MaestroUnavailableException or HttpRequestException => ExitCodes.Unavailable,
            MaestroException m => m.Status switch
            {
                400 => ExitCodes.BadInput,
                401 => ExitCodes.Unauthorized,
                403 => ExitCodes.Forbidden,
                404 => ExitCodes.NotFound,
                409 => ExitCodes.Conflict,
                502 or 503 or 504 => ExitCodes.Unavailable,
                _ => ExitCodes.UnexpectedError,
            },
            NoSuchTableException or NoSuchNamespaceException => ExitCodes.NotFound,
            AlreadyExistsException or CommitFailedException or NamespaceNotEmptyException => ExitCodes.Conflict,
            // The library reports a missing metadata file as invalid data wrapping the FileNotFoundException.
            InvalidDataException { InnerException: FileNotFoundException } => ExitCodes.NotFound,
            FileNotFoundException or DirectoryNotFoundException => ExitCodes.NotFound,
            InvalidDataException or FormatException or JsonException or ExpressionBindingException => ExitCodes.BadInput,
            _ => ExitCodes.UnexpectedError,
        };
    }

    /// <summary>The message printed after <c>error: </c>, on one line so scripts can grep it.</summary>
    public static string MessageOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var e = Unwrap(exception);
        var message = ExitCodeOf(e) == ExitCodes.UnexpectedError && e is not CliException and not MaestroException
            ? $"{e.GetType().Name}: {e.Message}"
            : e.Message;
        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>
    /// The bad fields of an invalid request or definition, one <c>field: message</c> per entry (printed indented under
    /// the <c>error:</c> line); empty for other failures.
    /// </summary>
    public static IReadOnlyList<string> FieldErrorsOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Unwrap(exception) switch
        {
            MaestroValidationException v => v.Errors.OrderBy(e => e.Key, StringComparer.Ordinal)
                .SelectMany(e => e.Value.Select(m => OneLine($"{e.Key}: {m}"))).ToArray(),
            WorkflowDefinitionException d => d.Errors.Select(e => OneLine($"{e.Path}: {e.Message}")).ToArray(),
            _ => [],
        };
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a)
        {
            e = a.InnerExceptions[0];
        }

        return e;
    }
}
