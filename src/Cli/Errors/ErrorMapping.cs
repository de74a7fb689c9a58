using System.Text.Json;
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
        var message = ExitCodeOf(e) == ExitCodes.UnexpectedError && e is not CliException
            ? $"{e.GetType().Name}: {e.Message}"
            : e.Message;
        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a)
        {
            e = a.InnerExceptions[0];
        }

        return e;
    }
}
