using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Grains;

namespace OrleansMaestro.Silo.Api;

/// <summary>
/// Reads request bodies with <see cref="ApiJson.Requests"/> (unknown properties refused). Every failure is an
/// <see cref="InvalidFieldException"/> naming the JSON path where the body broke, or <c>Content-Type</c>.
/// </summary>
internal static partial class RequestJson
{
    public const string ContentTypeField = "Content-Type";

    /// <summary>The body as <typeparamref name="T"/>; null when the request has no body and <paramref name="optional"/>.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, bool optional, CancellationToken cancellationToken)
        where T : class
    {
        if (!HasBody(request))
        {
            return optional ? null : throw new InvalidFieldException("The request needs a JSON body.", "$");
        }

        CheckContentType(request);
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Requests, cancellationToken)
                ?? (optional ? null : throw new InvalidFieldException("The body must be a JSON object, not null.", "$"));
        }
        catch (JsonException e)
        {
            throw Translate(e);
        }
    }

    /// <summary>A workflow definition in its file format (<see cref="WorkflowDefinitionJson"/>); bad ones throw <see cref="WorkflowDefinitionException"/>.</summary>
    public static async Task<WorkflowDefinition> ReadDefinitionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HasBody(request))
        {
            throw new WorkflowDefinitionException([new DefinitionError("$", "the request needs a workflow definition as its JSON body.")]);
        }

        CheckContentType(request);
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(cancellationToken);
        return WorkflowDefinitionJson.Parse(json);
    }

    /// <summary><c>$.sources[0].table</c> → <c>sources[0].table</c>; the whole body stays <c>$</c>.</summary>
    public static string Field(string? path) =>
        path is null or "$" or "" ? "$"
        : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : path.StartsWith("$[", StringComparison.Ordinal) ? path[1..]
        : path;

    private static bool HasBody(HttpRequest request)
    {
        if (request.ContentLength is { } length)
        {
            return length > 0;
        }

        return request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
    }

    private static void CheckContentType(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            throw new InvalidFieldException(
                $"The body must be JSON (Content-Type: application/json), not '{request.ContentType ?? "none"}'.", ContentTypeField);
        }
    }

    private static InvalidFieldException Translate(JsonException e)
    {
        var path = Field(e.Path);
        var message = StripLocation(e.Message);
        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return new InvalidFieldException($"required: \"{name}\".", path == "$" ? name : $"{path}.{name}");
        }

        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups["name"].Value;
            var field = path.EndsWith(name, StringComparison.Ordinal) ? path : path == "$" ? name : $"{path}.{name}";
            return new InvalidFieldException($"unknown property '{name}'.", field);
        }

        if (e.InnerException is JsonException syntax)
        {
            var line = e.LineNumber is { } l ? $" (line {l + 1}, byte {e.BytePositionInLine + 1})" : "";
            return new InvalidFieldException($"invalid JSON: {StripLocation(syntax.Message)}{line}", path);
        }

        return new InvalidFieldException(message, path);
    }

    // "... Path: $.x | LineNumber: 0 | BytePositionInLine: 5." is for .NET developers; the field says the same.
    private static string StripLocation(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return cut < 0 ? message : message[..cut];
    }

    [GeneratedRegex(@"missing required properties including: '(?<name>[^']+)'")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"^The JSON property '(?<name>.*)' could not be mapped")]
    private static partial Regex Unmapped();
}
