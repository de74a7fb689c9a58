using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansMaestro.Abstractions.Api;

namespace OrleansMaestro.Client.Http;

/// <summary>An RFC 7807 problem as the silo writes it (<c>application/problem+json</c>).</summary>
internal sealed record ProblemDetails
{
    public string? Type { get; init; }

    public string? Title { get; init; }

    public int? Status { get; init; }

    public string? Detail { get; init; }

    public string? Instance { get; init; }

    /// <summary>Each bad field (JSON path or query/route parameter name) and what is wrong with it; present on 400.</summary>
    public Dictionary<string, string[]>? Errors { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; init; }
}

/// <summary>Turns a failed response into the <see cref="MaestroException"/> for its status.</summary>
internal static class ProblemResponses
{
    /// <summary>The longest body read from a failed response (a proxy's HTML error page need not be read whole).</summary>
    private const int MaxBody = 64 * 1024;

    public static async Task<MaestroException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await ReadBodyAsync(response, cancellationToken);
        return ToException((int)response.StatusCode, response.ReasonPhrase, response.Content.Headers.ContentType, body,
            response.RequestMessage?.Method, response.RequestMessage?.RequestUri);
    }

    /// <summary>
    /// The exception for a failure with <paramref name="status"/>: the problem's detail (else its title, else the reason
    /// phrase) as message, and on 400 its <c>errors</c>. A body that is not a problem still gives the right type.
    /// </summary>
    public static MaestroException ToException(int status, string? reason, MediaTypeHeaderValue? contentType, string body, HttpMethod? method = null, Uri? uri = null)
    {
        var problem = Parse(contentType, body);
        var what = method is null || uri is null ? string.Empty : $" ({method} {uri.AbsolutePath})";
        var message = (problem?.Detail ?? problem?.Title ?? (string.IsNullOrWhiteSpace(reason) ? $"HTTP {status}" : reason)) + what;
        var errors = (IReadOnlyDictionary<string, string[]>?)problem?.Errors ?? new Dictionary<string, string[]>();
        if (status == (int)HttpStatusCode.BadRequest && errors.Count > 0)
        {
            message += ": " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        }

        return status switch
        {
            400 => new MaestroValidationException(message, errors),
            401 => new MaestroUnauthorizedException(message),
            403 => new MaestroForbiddenException(message),
            404 => new MaestroNotFoundException(message),
            409 => new MaestroConflictException(message),
            // 502/504 come from a proxy in front of a silo that did not answer: as unreachable as a 503.
            502 or 503 or 504 => new MaestroUnavailableException(message),
            _ => new MaestroException(message, status),
        };
    }

    /// <summary>The problem in <paramref name="body"/>, or null when it is not JSON (an HTML error page, nothing at all).</summary>
    public static ProblemDetails? Parse(MediaTypeHeaderValue? contentType, string body)
    {
        var mediaType = contentType?.MediaType;
        var looksJson = mediaType is null
            ? body.TrimStart().StartsWith('{')
            : mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase);
        if (!looksJson || string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ProblemDetails>(body, ApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new char[MaxBody];
            using var reader = new StreamReader(stream);
            var read = await reader.ReadBlockAsync(buffer, cancellationToken);
            return new string(buffer, 0, read);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // The status alone still says what failed.
            return string.Empty;
        }
    }
}
